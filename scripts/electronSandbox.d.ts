/** Types of electronSandbox.js: what would stop Electron's sandbox, as one sentence, or null. */
export declare function sandboxProblem(facts: {
  platform: string;
  uid: number | undefined;
  args: string[];
  usernsRestricted: boolean;
  sandboxHelper: { path: string; uid: number; mode: number } | null;
}): string | null;
