/** Types for electron-binary.mjs (plain JavaScript so that scripts run without a build). */
export interface ElectronBinary {
  /** The executable, or null when there is none here. */
  binary: string | null;
  /** The folder holding it (electron-builder's electronDist), or null. */
  distDir: string | null;
  /** The installed electron package's version, if the package is there. */
  version: string | null;
  /** Why there is no binary, in English and in Chinese; empty when there is one. */
  reason: string;
  reasonZh: string;
}
export declare function findElectron(fromUrl?: string): ElectronBinary;
