import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { MissingToolError } from "./tools";

const run = promisify(execFile);

export interface CertFiles {
  cert: string;
  key: string;
}

export type CertUsage = "server" | "client";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9:._@-]*$/;

/** An X.509 subject with CN = user name and one O per group, as kube-apiserver reads client certificates. */
export function subjectFor(commonName: string, groups: string[] = []): string {
  for (const n of [commonName, ...groups]) if (!SAFE_NAME.test(n)) throw new Error(`unsupported name in certificate subject: ${JSON.stringify(n)}`);
  return [`/CN=${commonName}`, ...groups.map((g) => `/O=${g}`)].join("");
}

/** The openssl extension file for a leaf certificate. */
export function leafExtensions(usage: CertUsage, sans: string[] = []): string {
  const lines = [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    `extendedKeyUsage=${usage === "server" ? "serverAuth" : "clientAuth"}`,
  ];
  if (sans.length) lines.push(`subjectAltName=${sans.join(",")}`);
  return lines.join("\n") + "\n";
}

const KEY_ARGS = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

export function caArgs(files: CertFiles, commonName: string, days: number): string[] {
  return [
    "req", "-x509", ...KEY_ARGS, "-keyout", files.key, "-out", files.cert, "-days", String(days), "-subj", `/CN=${commonName}`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
  ];
}

export function csrArgs(key: string, csr: string, subject: string): string[] {
  return ["req", "-new", ...KEY_ARGS, "-keyout", key, "-out", csr, "-subj", subject];
}

export function signArgs(ca: CertFiles, csr: string, extFile: string, out: string, days: number, serial: string): string[] {
  return ["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-set_serial", `0x${serial}`, "-days", String(days), "-extfile", extFile, "-out", out];
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run("openssl", args);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") throw new MissingToolError("openssl", "not on PATH");
    throw new Error(`openssl ${args[0]} failed: ${err.stderr ?? err.message}`);
  }
}

export async function createCa(dir: string, commonName = "ack-ts-testenv-ca"): Promise<CertFiles> {
  const files = { cert: path.join(dir, "ca.crt"), key: path.join(dir, "ca.key") };
  await openssl(caArgs(files, commonName, 3650));
  return files;
}

/** Issues a leaf certificate signed by `ca`, written as <dir>/<name>.crt and .key. */
export async function issueCert(
  ca: CertFiles,
  dir: string,
  name: string,
  opts: { usage: CertUsage; commonName: string; groups?: string[]; sans?: string[]; days?: number },
): Promise<CertFiles> {
  const files = { cert: path.join(dir, `${name}.crt`), key: path.join(dir, `${name}.key`) };
  const csr = path.join(dir, `${name}.csr`);
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(ext, leafExtensions(opts.usage, opts.sans));
  await openssl(csrArgs(files.key, csr, subjectFor(opts.commonName, opts.groups)));
  await openssl(signArgs(ca, csr, ext, files.cert, opts.days ?? 365, randomBytes(8).toString("hex")));
  fs.rmSync(csr);
  fs.rmSync(ext);
  return files;
}

/** The service-account token signing key; kube-apiserver verifies with the public half. */
export function createServiceAccountKey(dir: string): { privateKey: string; publicKey: string } {
  const pair = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const files = { privateKey: path.join(dir, "sa.key"), publicKey: path.join(dir, "sa.pub") };
  fs.writeFileSync(files.privateKey, pair.privateKey, { mode: 0o600 });
  fs.writeFileSync(files.publicKey, pair.publicKey);
  return files;
}
