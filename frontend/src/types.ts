// Every message and view payload type; mirror of mlscope/core/protocol.py and views.py.
// Grid orientation (heatmaps): codes[i * nx + j] is at y = y_range[0] + i*dy, x = x_range[0] + j*dx;
// row 0 is the bottom row (smallest y).

export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** An array received in binary: data viewed in place, shape row-major. */
export interface NDArray {
  data: TypedArray;
  shape: number[];
}

// --- page spec (Explorable.describe() + colours) -------------------------------------------

export interface ParamSpecBase {
  name: string;
  label: string;
  doc: string;
  /** controls of one group are shown together under this heading ("" = ungrouped) */
  group: string;
  /** view state (e.g. the hovered neuron): no control, not in the URL */
  transient: boolean;
  /** a rarely used setting: under the Advanced fold, unless a story's step shows it */
  advanced: boolean;
}
export interface FloatSpec extends ParamSpecBase {
  kind: "float";
  default: number;
  lo: number;
  hi: number;
  step: number | null;
  log: boolean;
}
export interface IntSpec extends ParamSpecBase {
  kind: "int";
  default: number;
  lo: number;
  hi: number;
  step: number;
  log: boolean;
}
export interface ChoiceSpec extends ParamSpecBase {
  kind: "choice";
  default: string;
  options: string[];
  labels: string[];
}
export interface BoolSpec extends ParamSpecBase {
  kind: "bool";
  default: boolean;
}
export interface PointsSpec extends ParamSpecBase {
  kind: "points";
  default: Point[];
  x_range: [number, number];
  y_range: [number, number];
  n_labels: number;
  max_points: number;
  float_labels: boolean;
  /** a dragged point lands on a multiple of this (0: anywhere) */
  snap: number;
}
export interface VectorSpec extends ParamSpecBase {
  kind: "vector";
  default: number[];
  lo: number;
  hi: number;
  min_len: number;
  max_len: number;
}
export interface ListSpec extends ParamSpecBase {
  kind: "list";
  default: (number | string)[];
  item: ParamSpec;
  min_len: number;
  max_len: number;
}
export interface FlagsSpec extends ParamSpecBase {
  kind: "flags";
  default: string[];
  options: string[];
  labels: string[];
}
/** A line of text (a typed function); the session checks what it means. */
export interface TextSpec extends ParamSpecBase {
  kind: "text";
  default: string;
  max_len: number;
}
export type ParamSpec = FloatSpec | IntSpec | ChoiceSpec | BoolSpec | PointsSpec | VectorSpec
  | ListSpec | FlagsSpec | TextSpec;
export type Point = [number, number, number];
export type ParamValue = number | string | boolean | Point[] | number[] | string[] | (number | string)[];

export interface ActionSpec {
  name: string;
  label: string;
  doc: string;
  /** false: sent by a view (a click), not shown as a button */
  button: boolean;
  /** file types: the control is a file picker that sends the file's text */
  upload: string;
}

export interface PageSpec {
  slug: string;
  title: string;
  topic: string;
  topic_title: string;
  summary: string;
  params: ParamSpec[];
  actions: ActionSpec[];
  playable: boolean;
  layout: string[][];
  /** view -> the view of its row it sits under on a wide page (Explorable.under) */
  under?: Record<string, string>;
  guide: string;
  /** the guided story (core/story.py); [] for none. After the last step: free play */
  steps: StepSpec[];
  /** view name -> a one-line caption: what to look at */
  captions: Record<string, string>;
  /** choice parameter -> option -> points [x, y, value] in [-6, 6]² that picture it */
  previews: Record<string, Record<string, [number, number, number][]>>;
  /** name -> 256 * [r, g, b] */
  colormaps: Record<string, number[]>;
  label_colors: string[];
  /** the longest message the session reads (core/protocol.py): a bigger upload is refused
   *  here, with its size, rather than dropping the connection */
  max_message_bytes?: number;
}

/** One step of the story: the views and controls it shows (the rest are hidden). */
export interface StepSpec {
  name: string;
  title: string;
  /** the guide's markup: paragraphs, **bold**, TeX between $...$ */
  text: string;
  views: string[];
  /** parameter and action names, and "play" */
  controls: string[];
  highlight: string[];
  /** "" for a step with no goal */
  goal: string;
}

/** The story's state in a frame: the step, whether its goal is met now, its live text. */
export interface StoryState {
  step: string;
  met: boolean | null;
  live: string;
}

// --- messages ------------------------------------------------------------------------------

export type ClientMessage =
  | { type: "hello"; params: Record<string, ParamValue | string> }
  | { type: "set"; id: number; params: Record<string, ParamValue> }
  | { type: "action"; id: number; name: string; value?: unknown }
  | { type: "speed"; id: number; value: number }
  /** render_ms: how long the page took to draw the frame before (the session fills that
   *  time with the next frame's steps while playing) */
  | { type: "ack"; seq: number; render_ms: number }
  | { type: "export"; id: number; format: string; frames: number; every: number; size: number }
  | { type: "cancel_export" };

/** About an export under way (web/exports.py). */
export type ExportMessage =
  | { type: "export"; state: "progress"; id: number; done: number; total: number }
  | { type: "export"; state: "done"; id: number; url: string; name: string }
  | { type: "export"; state: "cancelled"; id: number }
  | { type: "export"; state: "error"; id: number; message: string };

export interface ErrorMessage {
  type: "error";
  field: string;
  message: string;
  id: number | null;
}

export interface Frame {
  type: "frame";
  seq: number;
  /** id of the last client message this frame reflects */
  applied: number;
  /** left out when unchanged since the last frame */
  params?: Record<string, ParamValue>;
  url?: Record<string, string>;
  playing: boolean;
  speed: number;
  /** steps taken for this frame while playing */
  steps: number;
  /** only the views the story's step shows */
  views: Record<string, ViewPayload>;
  /** for an explorable with a story */
  story?: StoryState;
  /** parameters that have no effect now (a die's P(heads)): their controls are hidden; left
   * out when unchanged since the last frame */
  unused?: string[];
}

// --- views -----------------------------------------------------------------------------------

export type Range = [number, number];

export interface HeatmapLayer {
  kind: "heatmap";
  /** uint8 colour codes, shape (ny, nx), row 0 at the bottom */
  codes: NDArray;
  x_range: Range;
  y_range: Range;
  vmin: number;
  vmax: number;
  colormap: string;
  scale: "linear" | "log";
  opacity: number;
  /** what the colour measures: a named heatmap gets a colour bar in the legend */
  name: string;
}
export interface PointsLayer {
  kind: "points";
  x: NDArray;
  y: NDArray;
  labels: NDArray | null;
  color: string;
  size: number;
  marker: "circle" | "cross" | "star";
  draggable: string | null;
  name: string;
  stroke: string;
  /** uint8 colour codes per point through colormap (when labels is null) */
  codes: NDArray | null;
  colormap: string;
  /** with labels: each class's name, keyed one by one in the legend ([]: the layer's name) */
  classes: string[];
  /** one text per point, shown above the plot while the pointer is on it ([]: none) */
  hover: string[];
}
export interface ImageLayer {
  kind: "image";
  /** uint8 of shape (ny, nx, 4), row 0 at the smallest y */
  rgba: NDArray;
  x_range: Range;
  y_range: Range;
  name: string;
}
export interface LinesLayer {
  kind: "lines";
  /** NaN in x and y ends a segment */
  x: NDArray;
  y: NDArray;
  color: string;
  width: number;
  dash: number[];
  name: string;
  /** a colour: each segment is a closed polygon filled at fill_opacity ("": lines only) */
  fill: string;
  fill_opacity: number;
}
/** A filled band (mlscope/core/views/marks.py): y_low..y_high over x, or 0..y_high; with
 * steps, x holds n + 1 bin edges (a histogram). */
export interface AreaLayer {
  kind: "area";
  x: NDArray;
  y_high: NDArray;
  y_low: NDArray | null;
  color: string;
  opacity: number;
  outline: boolean;
  steps: boolean;
  name: string;
}
/** Arrows from (x, y) to (x + dx, y + dy), in data units; heads `head` px long. */
export interface ArrowsLayer {
  kind: "arrows";
  x: NDArray;
  y: NDArray;
  dx: NDArray;
  dy: NDArray;
  color: string;
  width: number;
  head: number;
  name: string;
}
/** Text at data coordinates, `offset` px (right, up) from each point, with a white halo. */
export interface LabelsLayer {
  kind: "labels";
  x: NDArray;
  y: NDArray;
  texts: string[];
  color: string;
  size: number;
  align: "left" | "center" | "right";
  offset: [number, number];
  name: string;
}
/** Ellipses or rectangles in data units: centres, full width and height, angle in degrees. */
export interface ShapesLayer {
  kind: "shapes";
  shape: "ellipse" | "rect";
  x: NDArray;
  y: NDArray;
  width: NDArray;
  height: NDArray;
  angle: NDArray | null;
  labels: NDArray | null;
  fill: string;
  opacity: number;
  stroke: string;
  stroke_width: number;
  dash: number[];
  name: string;
}
export type Layer = HeatmapLayer | PointsLayer | LinesLayer | AreaLayer | ArrowsLayer | LabelsLayer
  | ShapesLayer | ImageLayer;

/** How a view's numbers move along one parameter (mlscope/core/views/__init__.py Tween): the numbers
 * at each stop, by path ("x_range", "x_label" or "layers.<index>.<field>"), blended linearly
 * between stops (a label: the nearer stop's); ``shown`` limits layers ("layers.<index>") to an
 * interval of the parameter. */
export interface Tween {
  param: string;
  stops: number[];
  frames: Array<Record<string, NDArray | Range | string>>;
  shown: Record<string, Range>;
  /** each stop's numbers hold until the next stop (no blending) */
  hold?: boolean;
}
export interface PlotView {
  kind: "plot";
  title: string;
  x_label: string;
  y_label: string;
  x_range: Range;
  y_range: Range;
  layers: Layer[];
  /** an action sent {x, y, shift} when the plot is clicked */
  click_action: string | null;
  /** width over height */
  aspect: number;
  /** [position, label] per y tick instead of round numbers (e.g. one per layer) */
  y_ticks?: [number, string][] | null;
  /** the x ticks instead of round numbers; [] for none */
  x_ticks?: [number, string][] | null;
  tween?: Tween | null;
}
/** A labelled matrix (mlscope/core/views/matrix.py): row 0 on top; `codes` colour the
 * cells through `colormap`; `edit_action` gets {row, col, value} when a cell is typed. */
export interface MatrixView {
  kind: "matrix";
  title: string;
  values: NDArray;
  codes: NDArray;
  row_labels: string[];
  col_labels: string[];
  vmin: number;
  vmax: number;
  colormap: string;
  x_label: string;
  y_label: string;
  decimals: number;
  cell_text: string[][];
  name: string;
  edit_action: string | null;
}
/** Small multiples of images (mlscope/core/views/images.py): uint8 (k, h, w) grey or
 * (k, h, w, 3) colour, row 0 on top. */
export interface ImageGridView {
  kind: "images";
  title: string;
  images: NDArray;
  captions: string[];
  labels: NDArray | null;
  columns: number;
  select_action: string | null;
}
export interface GraphNode {
  id: string;
  label: string;
  detail: string;
  mix: number[];
  color: string;
  highlight: boolean;
}
export interface GraphEdge {
  source: string;
  target: string;
  label: string;
  width: number;
  highlight: boolean;
}
/** A tree or a graph (mlscope/core/views/graph.py), laid out on the server: `positions`
 * (n, 2) in [0, 1]², x right and y down. */
export interface GraphView {
  kind: "graph";
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  layout: string;
  click_action: string | null;
  positions: NDArray;
}
export interface ChartView {
  kind: "chart";
  title: string;
  x_label: string;
  y_label: string;
  x: NDArray;
  series: { name: string; y: NDArray; color: string }[];
  log_y: boolean;
}
export interface TableView {
  kind: "table";
  title: string;
  columns: string[];
  rows: string[][];
  footer: string[][];
  /** an action a click or Enter on a body row sends, with {row: index} */
  row_action: string | null;
}
export interface FormulaView {
  kind: "formula";
  tex: string;
  title: string;
}
export interface TextView {
  kind: "text";
  text: string;
  tone: "info" | "success" | "warning" | "error";
  title: string;
}
export interface NetworkNode {
  id: string;
  layer: number;
  label: string;
  detail: string;
  /** uint8 colour codes (n, n), row 0 at the bottom; drawn inside the node */
  heatmap: NDArray | null;
  colormap: string;
  /** hover card: lines, TeX between $...$ */
  card: string;
  active: boolean;
  /** option of toggle_param that a click on this node toggles */
  toggle: string;
  /** the neuron's bias, drawn as a small square at its tile's lower left; null for none */
  bias?: number | null;
}
export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
  label: string;
  /** where the label sits along the edge, 0 at the source, 1 at the target */
  label_at: number;
  structural: boolean;
  id: string;
}
/** Every source joined to every target: weights (float32, shape (sources, targets)) is
 *  row-major, weights[i * targets.length + j] joins sources[i] to targets[j]; edge ids are
 *  `${name}:${i}:${j}`. */
export interface NetworkDense {
  kind: "dense";
  sources: string[];
  targets: string[];
  weights: NDArray;
  name: string;
}
export interface NetworkView {
  kind: "network";
  title: string;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** whole layers of weights, drawn after edges (see allEdges in views/network.ts) */
  dense: NetworkDense[];
  columns: string[];
  shape_param: string | null;
  layer_param: string | null;
  /** the current value of layer_param per hidden column */
  layer_values: string[];
  toggle_param: string | null;
  focus_param: string | null;
  edit_action: string | null;
}
export interface BarsView {
  kind: "bars";
  title: string;
  labels: string[];
  /** float32 of shape (n,) */
  values: NDArray;
  y_range: Range;
  y_label: string;
  value_labels: string[];
  colors: string[];
  draggable: string | null;
  /** one bar per row, labels at the left; not draggable */
  horizontal: boolean;
}
export interface Points3DLayer {
  kind: "points3d";
  x: NDArray;
  y: NDArray;
  z: NDArray;
  labels: NDArray | null;
  color: string;
  size: number;
  name: string;
  /** uint8 colour codes through `colormap`, when there are no labels */
  codes: NDArray | null;
  colormap: string;
}
export interface Lines3DLayer {
  kind: "lines3d";
  /** consecutive pairs are segments */
  x: NDArray;
  y: NDArray;
  z: NDArray;
  color: string;
  name: string;
}
export interface Surface3DLayer {
  kind: "surface3d";
  /** shape (ny, nx) over the scene's x/y ranges, row 0 at the smallest y; with `up` "x"
   * it holds x over (z, y) rows and columns, with "y" it holds y over (z, x) */
  z: NDArray;
  color: string;
  opacity: number;
  name: string;
  up: "x" | "y" | "z";
}
export type Layer3D = Points3DLayer | Lines3DLayer | Surface3DLayer;
export interface Scene3DView {
  kind: "scene3d";
  title: string;
  x_label: string;
  y_label: string;
  z_label: string;
  x_range: Range;
  y_range: Range;
  z_range: Range;
  layers: Layer3D[];
  /** [elevation, azimuth] in degrees (matplotlib's convention), or null */
  camera: [number, number] | null;
  spin: boolean;
  tween?: Tween | null;
}
export type ViewPayload = PlotView | ChartView | TableView | FormulaView | TextView | NetworkView
  | MatrixView | ImageGridView | GraphView
  | BarsView | Scene3DView;

/** What a view renderer gets besides its payload. */
export interface ViewContext {
  spec: PageSpec;
  /** Change a parameter (e.g. after dragging a point). */
  setParam(name: string, value: ParamValue): void;
  /** Send an action with what the view has to say (e.g. where it was clicked). */
  action(name: string, value?: unknown): void;
  /** The parameter values of the last frame. */
  params(): Record<string, ParamValue>;
}

/** Every renderer: mount(el, ctx) -> { update(view), destroy() }. */
export interface ViewRenderer<V extends ViewPayload = ViewPayload> {
  update(view: V): void;
  destroy(): void;
}
export type MountView = (el: HTMLElement, ctx: ViewContext) => ViewRenderer;
