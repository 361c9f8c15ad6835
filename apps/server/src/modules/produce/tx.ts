export { inTransaction } from '../../db/transaction.js';
