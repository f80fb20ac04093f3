/** Compile-time exhaustiveness check for discriminated unions: adding a member is an error until every switch handles it. */
export function assertNever(value: never): never {
	throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
