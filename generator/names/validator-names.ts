/** The three functions the validators target exports per named type, spelled in one place (emitter and README). */
export function validatorNames(typeName: string): { validate: string; is: string; assert: string } {
  return { validate: `validate${typeName}`, is: `is${typeName}`, assert: `assert${typeName}` };
}
