import type { Me } from '@kopdes/shared/users';
import { Alert, Box, Button, Card, Container, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconClockHour4 } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, setCsrfToken } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { ME_KEY } from '../../app/session.js';
import { FlagMark } from '../../components/Brand.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';

/** Seconds left until a time, ticking once a second while above zero. */
function useSecondsUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const waitSeconds = useSecondsUntil(blockedUntil);

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { identifier: '', password: '' },
    validate: {
      identifier: (v) => (v.trim() ? null : t('auth.identifierRequired')),
      password: (v) => (v ? null : t('auth.passwordRequired')),
    },
  });

  const signIn = useMutation({
    mutationFn: (values: { identifier: string; password: string }) => api<Me>('/api/auth/sign-in', { method: 'POST', body: values }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(ME_KEY, me);
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 429) {
        setBlockedUntil(Date.now() + (err.retryAfterSeconds ?? 60) * 1000);
        setAlert(null);
        return;
      }
      setAlert(applyApiError(form, err));
    },
  });

  const blocked = waitSeconds > 0;
  const waitText =
    waitSeconds >= 60 ? t('auth.waitMinutes', { count: Math.ceil(waitSeconds / 60) }) : t('auth.waitSeconds', { count: waitSeconds });

  return (
    <Box className="kd-sign-in-bg">
      <Container size={440} px="md" py={{ base: 'lg', sm: 48 }}>
        <Group justify="space-between" mb="lg" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <Box bg="white" p={4} style={{ borderRadius: 10, display: 'flex' }}>
              <FlagMark size={28} />
            </Box>
            <div>
              <Text fw={800} fz={22} c="white" lts={-0.3} lh={1.1}>
                kopdes
              </Text>
              <Text size="xs" c="white" opacity={0.9}>
                {t('app.tagline')}
              </Text>
            </div>
          </Group>
          <Box bg="white" style={{ borderRadius: 999 }}>
            <LanguageSwitch signedIn={false} />
          </Box>
        </Group>

        <Card shadow="md" padding="lg" radius="lg">
          <Stack gap={4} mb="lg">
            <Title order={1} fz={26}>
              {t('auth.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('auth.subtitle')}
            </Text>
          </Stack>

          <form
            noValidate
            onSubmit={form.onSubmit((values) => {
              setAlert(null);
              signIn.mutate(values);
            })}
          >
            <Stack gap="md">
              {blocked && (
                <Alert color="orange" variant="light" icon={<IconClockHour4 />} title={t('auth.tooManyTitle')} role="alert">
                  {t('auth.tooMany', { wait: waitText })}
                </Alert>
              )}
              {alert && !blocked && (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                  {alert}
                </Alert>
              )}
              <TextInput
                label={t('auth.identifier')}
                placeholder={t('auth.identifierPlaceholder')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                data-autofocus
                key={form.key('identifier')}
                {...form.getInputProps('identifier')}
              />
              <PasswordInput
                label={t('auth.password')}
                autoComplete="current-password"
                key={form.key('password')}
                {...form.getInputProps('password')}
              />
              <Button type="submit" size="lg" fullWidth loading={signIn.isPending} disabled={blocked}>
                {t('auth.submit')}
              </Button>
            </Stack>
          </form>
        </Card>

        <Text size="sm" c="dimmed" ta="center" mt="lg">
          {t('auth.forgot')}
        </Text>
      </Container>
    </Box>
  );
}
