import { describe, expect, it } from 'vitest';
import { sandboxProblem } from '../../scripts/electronSandbox.js';

const helper = '/home/me/studio/node_modules/electron/dist/chrome-sandbox';
const user = {
  platform: 'linux',
  uid: 1000,
  args: [] as string[],
  usernsRestricted: false,
  sandboxHelper: { path: helper, uid: 1000, mode: 0o100755 },
};

describe("what would stop Electron's sandbox (npm start)", () => {
  it('nothing for a user on an ordinary Linux, nor on macOS or Windows', () => {
    expect(sandboxProblem(user)).toBeNull();
    expect(sandboxProblem({ ...user, platform: 'darwin', uid: 0 })).toBeNull();
    expect(sandboxProblem({ ...user, platform: 'win32', uid: undefined, usernsRestricted: true })).toBeNull();
  });

  it('root on Linux: one sentence, unless --no-sandbox was given', () => {
    expect(sandboxProblem({ ...user, uid: 0 })).toMatch(
      /^GoPlug Studio: Electron will not run as root[^.]*--no-sandbox`\)\.$/,
    );
    expect(sandboxProblem({ ...user, uid: 0, args: ['--dir', 'x', '--no-sandbox'] })).toBeNull();
  });

  it("Ubuntu 23.10+'s AppArmor with npm's chrome-sandbox: the two commands that fix it, in one sentence", () => {
    const sentence = sandboxProblem({ ...user, usernsRestricted: true });
    expect(sentence).toBe(
      "GoPlug Studio: this system's AppArmor blocks Electron's sandbox, so run " +
        `\`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}\` once and then \`npm start\` again.`,
    );
    expect(sentence!.split('. ')).toHaveLength(1);
  });

  it('nothing once the helper is root-owned and setuid, or when the user chose --no-sandbox', () => {
    const fixed = {
      ...user,
      usernsRestricted: true,
      sandboxHelper: { path: helper, uid: 0, mode: 0o104755 },
    };
    expect(sandboxProblem(fixed)).toBeNull();
    expect(sandboxProblem({ ...user, usernsRestricted: true, args: ['--no-sandbox'] })).toBeNull();
    const notSetuid = { ...fixed, sandboxHelper: { path: helper, uid: 0, mode: 0o100755 } };
    expect(sandboxProblem({ ...notSetuid })).toMatch(/AppArmor/);
  });
});
