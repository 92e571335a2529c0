/** What the form needs to check a file the moment it is attached (settings; README, 附件). */
export interface AttachmentLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

/** A slot for one upload (core/services/attachments.ts). */
export interface UploadSlot {
  stagingId: string;
  /** The name the desk will show (no path, no control characters; core/domain/file-name.ts). */
  fileName: string;
  mime: string;
  /** Where the shell writes: `partFile` while receiving, renamed to `file` when complete. */
  file: string;
  partFile: string;
  /** The shell stops reading (413) past this many bytes. */
  maxBytes: number;
}

/** A stored attachment's bytes, for the shell that streams them to a viewer. */
export interface AttachmentFile {
  file: string;
  fileName: string;
  mime: string;
  size: number;
}
