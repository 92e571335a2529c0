/** A risk-assessed project (社会稳定风险评估) with the count of its matters, as the store reads it and the UI shows it. */
export interface ProjectDto {
  id: number;
  name: string;
  description: string;
  assessedOn: string | null;
  matters: number;
  /** Matters of the project not yet fully closed. */
  open: number;
}
