import type { RawValidator } from "./validators-runtime.js";
export declare const v0: RawValidator;
export declare const v1: RawValidator;
export declare const v2: RawValidator;
export declare const v3: RawValidator;
