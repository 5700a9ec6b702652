/** API limits the page checks too, free of zod so that the renderer can import them without the schemas. */

/**
 * A console request's body, in characters (UTF-8 text, or base64 for 1 MiB of binary): what a
 * person sends from the console, and small enough that the web server's 4 MiB request cap
 * bounds its memory (issue 13 §7).
 */
export const MAX_CONSOLE_BODY_CHARS = 1_400_000;
