// moto_server and a fault-injecting proxy in front of it for a whole test file, the proxy
// reset before each test, both stopped at the end.
import { after, before, beforeEach } from 'node:test';
import { startMoto, type Moto } from './moto.ts';
import { startStsProxy, type StsProxy } from './stsProxy.ts';

export interface StsFixture {
  readonly moto: Moto;
  readonly proxy: StsProxy;
}

export function useMotoAndProxy(): StsFixture {
  let moto: Moto | undefined;
  let proxy: StsProxy | undefined;
  before(async () => {
    moto = await startMoto();
    proxy = await startStsProxy(moto.url);
  });
  after(async () => {
    await proxy?.stop();
    await moto?.stop();
  });
  beforeEach(() => proxy!.reset());
  return {
    get moto() {
      return moto!;
    },
    get proxy() {
      return proxy!;
    },
  };
}
