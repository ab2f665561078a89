import { epochSecondsOf, rewriteStringTimestamps } from "./timestamps";

describe("epochSecondsOf", () => {
  it("reads moto's naive strings as UTC", () => {
    expect(epochSecondsOf("2025-06-01 12:00:00")).toBe(Date.UTC(2025, 5, 1, 12) / 1000);
  });
  it("reads ISO-8601 with a zone and fractions", () => {
    expect(epochSecondsOf("2025-06-01T12:00:00.500+02:00")).toBe(Date.UTC(2025, 5, 1, 10, 0, 0, 500) / 1000);
    expect(epochSecondsOf("2025-06-01T12:00:00Z")).toBe(Date.UTC(2025, 5, 1, 12) / 1000);
  });
  it("leaves non-dates alone", () => {
    expect(epochSecondsOf("Completed")).toBeUndefined();
    expect(epochSecondsOf("2025-06-01")).toBeUndefined();
  });
});

describe("rewriteStringTimestamps", () => {
  it("rewrites nested time fields and reports their paths", () => {
    const input = {
      CreationTime: "2025-06-01 12:00:00",
      LastModifiedTime: 1748779200,
      SecondaryStatusTransitions: [{ Status: "Starting", StartTime: "2025-06-01T12:00:00+00:00" }],
      Description: "2025-06-01 12:00:00",
    };
    const { value, rewritten } = rewriteStringTimestamps(input);
    expect(value).toEqual({
      CreationTime: 1748779200,
      LastModifiedTime: 1748779200,
      SecondaryStatusTransitions: [{ Status: "Starting", StartTime: 1748779200 }],
      Description: "2025-06-01 12:00:00",
    });
    expect(rewritten).toEqual(["CreationTime", "SecondaryStatusTransitions[0].StartTime"]);
  });

  it("changes nothing when timestamps are already numbers", () => {
    const input = { CreationTime: 1.5, Nested: { EndTime: 2 } };
    expect(rewriteStringTimestamps(input)).toEqual({ value: input, rewritten: [] });
  });
});
