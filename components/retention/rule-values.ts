/** The rule form's fields, as typed. */
export type RuleValues = { category: string; maxAgeDays: string; maxCount: string };
export type RuleField = keyof RuleValues;
