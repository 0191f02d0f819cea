/** Origins of doc changes that are not a connection's. */
export const FROM_STORE = Symbol('store');
export const FROM_BUS = Symbol('bus');
export const FROM_SERVER = Symbol('server');
/** Private notes revealed onto the board: the server writes them, but they are the participants' (moderation queues them). */
export const FROM_REVEAL = Symbol('reveal');
