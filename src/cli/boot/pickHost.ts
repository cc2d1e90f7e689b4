// What the picker's bundle host (boot/pickLauncher.ts) gives `awsx pick`. From source
// there is no host: no code cache to write, summaries cached without a build hash, conf
// imported by the picker itself.

export interface PickHost {
  /** The private cache dir, if there is a safe one (src/cli/privateCache.ts). */
  readonly cacheDir: string | undefined;
  /** The bundle's SHA-256: cached summaries are only reused by the same build. */
  readonly bundleHash: string;
  /** Called once the first frame is on the terminal. */
  afterFirstFrame(): void;
  /** conf, imported by the host: code compiled by vm.Script cannot import(). */
  importConf(): Promise<typeof import('conf')>;
}
