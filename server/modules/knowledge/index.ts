// Public surface of the knowledge module (help centre, answer templates, search).
export { registerKnowledgeRoutes } from './routes.ts';
export { searchKnowledge } from './search-knowledge.ts';
export { readArticle } from './read-article.ts';
export { seedKnowledge } from './seed-knowledge.ts';
export { initLemmatizer, lemmasOf, lemmatizeText, tokenize } from './lemmatizer.ts';
export type { RankedResult } from './search-knowledge.ts';
// the query planner and typo repair, for other narrow search indexes (service centres)
export { planQuery, type PlanContext, type QueryPlan } from './query-plan.ts';
export { closestByEdits } from './typo.ts';
