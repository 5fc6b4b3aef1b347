// The GB code lists live in the contracts, so that the web app shows the same names.
export {
  codeName,
  educationCategory,
  EDUCATION_LEVELS,
  ETHNICITIES,
  POLITICAL_STATUSES,
  PROVINCES,
  SEXES,
  type CodeEntry,
} from '@bianban/contracts';
