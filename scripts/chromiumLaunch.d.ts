/** Types of chromiumLaunch.js: the one module that picks and starts Chromium for screenshots, bench and tests. */
import type { Browser, LaunchOptions } from 'playwright-core';

export declare const CHROMIUM_ARGS: string[];
export declare const SYSTEM_CHROMIUM_PATHS: string[];

export type ChromiumSource =
  | { path: string; label: string; package?: undefined; error?: undefined }
  | { package: string; path?: undefined; label?: undefined; error?: undefined }
  | { error: string; path?: undefined; label?: undefined; package?: undefined };

export declare function chromiumSource(): ChromiumSource;
export declare function chromiumExecutable(): Promise<{ path: string; label: string }>;
/** `executablePath` and `headless` are chosen here; `args` are added to ours. */
export declare function launchChromium(options?: Omit<LaunchOptions, 'executablePath' | 'headless'>): Promise<Browser>;
