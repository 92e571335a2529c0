/** One search hit: masked, enough to recognise the person and see their standing at a glance. */
export interface PersonHit {
  id: number;
  name: string;
  sex: 'M' | 'F' | null;
  idMasked: string | null;
  phoneMasked: string | null;
  village: string | null;
  /** The person's village, for 问题发生地 to start from. */
  villageId: number | null;
  lastVisit: string | null;
  openMatters: number;
}
