/**
 * Why Electron's sandbox would stop the Studio before it opens, in one sentence that says what to
 * do, or null. Electron (Chromium) exits with a crash report, not an explanation, when:
 * - it runs as root on Linux without `--no-sandbox` (Chromium refuses to sandbox root);
 * - on Ubuntu 23.10 and later, AppArmor forbids unprivileged user namespaces
 *   (kernel.apparmor_restrict_unprivileged_userns = 1) and the setuid helper `chrome-sandbox` that
 *   npm installed is not root-owned with mode 4755 (npm cannot install it so).
 * Plain facts in, so that every case is tested without being root or on Ubuntu.
 */

/**
 * @param {{ platform: string, uid: number | undefined, args: string[], usernsRestricted: boolean,
 *   sandboxHelper: { path: string, uid: number, mode: number } | null }} facts
 * @returns {string | null}
 */
export function sandboxProblem({ platform, uid, args, usernsRestricted, sandboxHelper }) {
  if (platform !== 'linux' || args.includes('--no-sandbox')) return null;
  if (uid === 0) {
    return (
      'GoPlug Studio: Electron will not run as root with its sandbox on, so start it as your own user ' +
      '(or, accepting an unsandboxed window, run `npm start -- --no-sandbox`).'
    );
  }
  const helperReady =
    sandboxHelper !== null && sandboxHelper.uid === 0 && (sandboxHelper.mode & 0o4777) === 0o4755;
  if (usernsRestricted && sandboxHelper !== null && !helperReady) {
    const helper = sandboxHelper.path;
    return (
      "GoPlug Studio: this system's AppArmor blocks Electron's sandbox, so run " +
      `\`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}\` once and then \`npm start\` again.`
    );
  }
  return null;
}
