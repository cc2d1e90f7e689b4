// Ink lays out with yoga-layout, whose WebAssembly loads asynchronously. From source,
// yoga-layout's own top-level await has loaded it when this import resolves. The picker's
// CommonJS bundle cannot have a top-level await: there scripts/build.mjs gives yoga-layout
// a `ready` promise instead (its compile runs off the main thread while the profiles are
// read), which the picker awaits before Ink's first render.
import * as yoga from 'yoga-layout';

export const layoutReady: Promise<unknown> = (yoga as unknown as { readonly ready?: Promise<unknown> }).ready ?? Promise.resolve();
