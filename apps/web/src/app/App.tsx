import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createQueryClient } from './query.js';
import { AppRoutes } from './routes.js';
import { theme } from './theme.js';

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-center" zIndex={1000} />
      <QueryClientProvider client={client}>
        <AppRoutes />
      </QueryClientProvider>
    </MantineProvider>
  );
}
