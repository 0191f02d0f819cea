import { describeBusContract } from './bus.contract';
import { LocalBus } from './local';

// One LocalBus is the whole medium: both "processes" of the contract share it.
describeBusContract('local', () => {
  const bus = new LocalBus();
  return [bus, bus];
});
