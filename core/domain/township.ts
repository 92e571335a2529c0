/** A township-level unit of Shucheng County: code is the short code used in case numbers. */
export interface Township {
  code: string;
  name: string;
  kind: 'town' | 'township' | 'zone';
}

/** Short codes are 2–4 capital letters (pinyin initials), e.g. ZMQ for 张母桥镇. */
export const TOWNSHIP_CODE = /^[A-Z]{2,4}$/;
