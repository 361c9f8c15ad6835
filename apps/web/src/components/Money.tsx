import { formatRupiah } from '@kopdes/shared/money';
import { Text, type TextProps } from '@mantine/core';

export interface MoneyProps extends TextProps {
  /** Whole Rupiah: a bigint, or the API's decimal string ("1250000"). */
  value: bigint | string;
  /** Red for negative amounts. */
  signed?: boolean;
}

/** `Rp 1.250.000`, in both languages: Rupiah is always written the Indonesian way. */
export function Money({ value, signed, ...rest }: MoneyProps) {
  const amount = typeof value === 'bigint' ? value : BigInt(value);
  return (
    <Text component="span" inherit className="kd-money" c={signed && amount < 0n ? 'red.8' : undefined} {...rest}>
      {formatRupiah(amount)}
    </Text>
  );
}
