/** The bundled knowledge base's units as a figure reader: what tests read count and spec figures with. */
import { type UnitReader, unitReaderFor } from '../../src/diagnostics/figures/units';
import { loadKnowledgeBase } from '../../src/knowledge';

export const bundledUnits: UnitReader = unitReaderFor(loadKnowledgeBase({ files: [], useBundled: true }).kb);
