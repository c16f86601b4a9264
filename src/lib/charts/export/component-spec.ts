import { mount, unmount, type Component, type ComponentProps } from 'svelte';
import { distinctSources } from './caption';
import type { CsvTable } from './csv';
import type { NativeChart } from './native';
import type { ExportSpec } from './spec';

/** What a figure that is not a time series (a bar list, a map) gives its export. */
export interface ComponentExport<C extends Component<Sized>> {
  subject: string;
  title: string;
  subtitle: string | null;
  sources: (string | null)[];
  description: string;
  table: CsvTable;
  height: number;
  span: [number, number] | null;
  legend?: { label: string; colour: string }[];
  /** The chart component, drawn again at the preset's size. */
  component: C;
  /** Its props as on screen, size aside. */
  props: Omit<ComponentProps<C>, 'width' | 'height'>;
  /** The same data as a chart Word and PowerPoint draw themselves; none for a map. */
  native?: NativeChart | null;
}

/** The props every exportable component takes: a fixed size instead of its container's. */
export interface Sized {
  width?: number;
  height?: number;
}

/** The export of any sized chart component: the same component re-laid out at the preset's size. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function componentSpec<C extends Component<any>>(input: ComponentExport<C>): ExportSpec {
  return {
    subject: input.subject,
    title: input.title,
    subtitle: input.subtitle,
    sources: distinctSources(input.sources),
    sample: false,
    span: input.span,
    legend: input.legend ?? [],
    description: input.description,
    table: input.table,
    height: input.height,
    ignoredFilters: [],
    native: input.native ?? null,
    highlights: [],
    draw: (target, size) => {
      const props = { ...input.props, width: size.width, height: size.height } as ComponentProps<C>;
      const component = mount(input.component, { target, props });
      return () => void unmount(component);
    }
  };
}
