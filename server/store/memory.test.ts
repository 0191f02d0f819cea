import { describeStoreContract } from './store.contract';
import { MemoryStore } from './memory';

describeStoreContract('memory', () => new MemoryStore());
