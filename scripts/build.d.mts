/** Types for build.mjs, which stays plain JavaScript so that `npm start` needs no TypeScript loader. */
export declare const ROOT: string;
export declare const DIST: string;
export declare function isBuildStale(): boolean;
export declare function build(options?: { quiet?: boolean }): Promise<void>;
export declare function ensureBuilt(): Promise<void>;
