import type { RawValidator } from "./validators-runtime.js";
export declare const p0: RawValidator;
export declare const p1: RawValidator;
export declare const p2: RawValidator;
export declare const p3: RawValidator;
export declare const p4: RawValidator;
export declare const p5: RawValidator;
