import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The chart fonts, shipped as npm packages so a chart looks the same on every machine and needs
 * no system fonts: Noto Sans for Latin text, Noto Sans Arabic (agent names; the renderer shapes
 * it into joined forms), DejaVu Sans for symbols such as ⚠ that neither Noto has.
 */
export const FONT_FILES: readonly { file: string; family: string; weight?: 'bold' }[] = [
  { file: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', family: 'Noto Sans' },
  { file: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf', family: 'Noto Sans', weight: 'bold' },
  { file: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', family: 'Noto Sans Arabic' },
  { file: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf', family: 'Noto Sans Arabic', weight: 'bold' },
  { file: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', family: 'DejaVu Sans' },
  { file: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf', family: 'DejaVu Sans', weight: 'bold' },
];

export type FontFile = { path: string; family: string; weight?: 'bold' };

/** Absolute paths of the chart fonts, resolved from node_modules. */
export function chartFontFiles(): FontFile[] {
  return FONT_FILES.map(({ file, ...rest }) => ({ path: require.resolve(file), ...rest }));
}
