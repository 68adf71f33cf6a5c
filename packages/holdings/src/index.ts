export { COPY_LAYOUTS, LAYOUT_SPECS, copyFields, type CopyFields, type CopyLayout, type CopyValue, type LayoutSpec } from './copy-layouts.js';
