import type { RawValidator } from "./validators-runtime.js";
export declare const p0: RawValidator;
export declare const p1: RawValidator;
export declare const p2: RawValidator;
