-- Member-to-member transfers of simpanan sukarela (pindah buku): one row out of the giver's
-- account and one into the receiver's, sharing one journal entry; money moves by neither cash nor
-- bank, so the method says `transfer`.
ALTER TABLE savings_transactions DROP CONSTRAINT savings_transactions_type_check;
ALTER TABLE savings_transactions ADD CONSTRAINT savings_transactions_type_check
  CHECK (type IN ('deposit', 'withdrawal', 'reversal', 'settlement', 'transfer'));
ALTER TABLE savings_transactions DROP CONSTRAINT savings_transactions_method_check;
ALTER TABLE savings_transactions ADD CONSTRAINT savings_transactions_method_check
  CHECK (method IN ('cash', 'bank', 'transfer'));
