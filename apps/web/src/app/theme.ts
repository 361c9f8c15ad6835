import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Merah Putih: a flag red deep enough for white text (#c62828 on white is 5.6:1) on a white page.
const merah: MantineColorsTuple = [
  '#fdeeee',
  '#f9d9d9',
  '#f1b0b0',
  '#e98585',
  '#e16161',
  '#d94646',
  '#c62828',
  '#b02020',
  '#951a1a',
  '#7a1414',
];

export const theme = createTheme({
  primaryColor: 'merah',
  primaryShade: { light: 6, dark: 5 },
  colors: { merah },
  // Fonts the phone or PC already has: nothing is fetched, the app works offline.
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    Autocomplete: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
    Checkbox: { defaultProps: { size: 'md' } },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    // Fingers, not mouse pointers: menu entries at least 44 px tall.
    Menu: { styles: { item: { minHeight: 44 } } },
  },
});
