import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_INSTALL, requireImageTools, ulimitArgs } from './podman';

describe('podman settings for this machine', () => {
  const limits = ['Limit                     Soft Limit           Hard Limit           Units', 'Max processes             96367                96367                processes', 'Max open files            1024                 20000                files'].join('\n');

  it('asks for the hard open-files limit and at most pid_max processes', () => {
    expect(ulimitArgs(limits, 32768)).toEqual(['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=32768:32768']);
    expect(ulimitArgs(limits.replace('20000', 'unlimited'), 4_194_304)).toEqual(['--ulimit', 'nofile=1048576:1048576', '--ulimit', 'nproc=96367:96367']);
  });

  it("names the README's set-up command, which the README carries verbatim", () => {
    expect(readFileSync(join(__dirname, '../../README.md'), 'utf8')).toContain(README_INSTALL);
  });

  it('fails (never skips) without a tool, naming the set-up command', () => {
    expect(() => requireImageTools(['ack-ts-no-such-tool'])).toThrow(`ack-ts-no-such-tool not found: the image test runs the controller image with podman and runc; install them with README.md's set-up command: ${README_INSTALL}`);
  });
});
