/** Types of chromiumLaunch.js: the Chromium executable and flags shared by screenshots, bench and tests. */
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
