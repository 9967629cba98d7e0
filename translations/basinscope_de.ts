<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>StudyViews</name>
    <message>
        <source>Convexity gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barrier height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak excess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area under the curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak excess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training run of the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training step of the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean cross-entropy on %1 (%2 examples)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 (%3 examples)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models yet.
File ▸ New Study… creates a study from checkpoint folders;
File ▸ Open… opens an existing one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 loss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell of the connectivity map, or select two or more
models in the table, to see their interpolation curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α   (0 = %1, 1 = %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>α   (0 = first model, 1 = second model of each pair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not computed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top %1 vs bottom %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α   (across: 0 = top model, 1 = bottom model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouping needs at least two models with a value in &quot;%1&quot;.
Compute ▸ Evaluate Models fills the metric columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a numeric column to group models by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within top-%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within bottom-%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>across</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (N=%2) · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingDynamics</name>
    <message>
        <source>Training dynamics (%1, k = 2 per step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>centroid score ‖e − c₀‖ − ‖e − c₁‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training dynamics need checkpoints of at least two runs tagged with a run and a step (folders like seed-3/checkpoint-2000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the curves first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training step has three or more checkpoints with their pairs computed yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::AnalysisPlot</name>
    <message>
        <source>%1
%2, %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ClusterHistogram</name>
    <message>
        <source>models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No values to plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster %1 (%2 models)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ClustersPanel</name>
    <message>
        <source>Matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convexity gap (CG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barrier height (BH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area under the curve (AUC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Euclidean distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity exp(−d² / (2 δ²)) between models at distance d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median δ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the median off-diagonal value as δ (CG values are often much smaller than 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model column to compare with the clusters, e.g. an out-of-distribution accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness: ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box |Δx| ≤ ε (|x| + 1) around the parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projected gradient-ascent updates (the paper uses 8192)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute Sharpness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epsilon-sharpness of the models selected in the table (all models when none is selected), in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness computed and stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness cancelled; finished models are stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness failed (see the message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the clustering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study with computed curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 vs centroid score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 vs sharpness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spectral embedding (%1, k = %2, δ = %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centroid score is defined for k = 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ε-sharpness on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute Sharpness to compare it with the clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 models in %3 clusters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing sharpness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another job is running; try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing sharpness…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedding %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ComputeWorker</name>
    <message>
        <source>Reading model configs and datasets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading datasets…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ConnectivityHeatmap</name>
    <message>
        <source>second model (α = 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first model (α = 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%3 = %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ConnectivityPanel</name>
    <message>
        <source>Which pairwise quantity the map shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset whose loss curves define the matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order both axes by a column of the models table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Connectivity&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sorted by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2: %3 = %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (surface)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>models by %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(descending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ascending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second model (α = 1): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first model (α = 0): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::DatasetDialog</name>
    <message>
        <source>Surface Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostic Dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::DatasetForm</name>
    <message>
        <source>random sample, seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;; names the dataset in views and in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only rows whose columns match: key=value|value,key=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL/CSV only: which columns hold the texts and the label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL/CSV only: the label names in id order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples used (0 = all rows that pass the filters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fi&amp;lters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La&amp;bels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Samples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Dataset File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datasets (*.tsv *.txt *.jsonl *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::DemoRunner</name>
    <message>
        <source>The demo study was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basinscope-cli demo failed (exit code %1):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basinscope-cli was not found next to basinscope or on PATH; it builds the demo study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::EmbeddingPlot</name>
    <message>
        <source>Spectral embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clustering yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster %1 (%2 models)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ExportDialog</name>
    <message>
        <source>Export View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG vector image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fonts keep their point size: a higher DPI makes text relatively larger, as when printing the figure at its physical size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 in (%3 × %4 cm) when printed at this resolution</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::FigureExport</name>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::InterpolationPanel</name>
    <message>
        <source>by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k =</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k vs bottom-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected pairs: the curves of the pairs picked in the map or the table.
Top-k vs bottom-k: mean curves of the pairs within the k best models, within the k worst, and across (paper, Figure 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model column that ranks the models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models per group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datasets whose curves are drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Interpolation&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (surface)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the point in flight; finished pairs stay in the file</source>
        <translation>Nach dem laufenden Punkt anhalten; fertige Paare bleiben in der Datei</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>bs::ui::MainActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Study…</source>
        <translation>&amp;Neue Studie…</translation>
    </message>
    <message>
        <source>Create a study from checkpoint folders and datasets</source>
        <translation>Eine Studie aus Checkpoint-Ordnern und Datensätzen anlegen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Read the study file again (e.g. after basinscope-cli added results)</source>
        <translation>Die Studiendatei erneut lesen (z. B. nachdem basinscope-cli Ergebnisse ergänzt hat)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>&amp;Export View…</source>
        <translation>Ansicht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Save a view as PNG, SVG or PDF at a chosen size and DPI</source>
        <translation>Eine Ansicht als PNG, SVG oder PDF in wählbarer Größe und Auflösung speichern</translation>
    </message>
    <message>
        <source>Export &amp;Data as CSV…</source>
        <translation>&amp;Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Study</source>
        <translation>&amp;Studie</translation>
    </message>
    <message>
        <source>Add &amp;Models…</source>
        <translation>&amp;Modelle hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove Selected Models</source>
        <translation>Ausgewählte Modelle &amp;entfernen</translation>
    </message>
    <message>
        <source>Add &amp;Diagnostic Dataset…</source>
        <translation>&amp;Diagnose-Datensatz hinzufügen…</translation>
    </message>
    <message>
        <source>Remove D&amp;ataset</source>
        <translation>D&amp;atensatz entfernen</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>&amp;Berechnen</translation>
    </message>
    <message>
        <source>&amp;Evaluate Models</source>
        <translation>Modelle &amp;auswerten</translation>
    </message>
    <message>
        <source>Loss and metrics of every model on every dataset</source>
        <translation>Verlust und Metriken jedes Modells auf jedem Datensatz</translation>
    </message>
    <message>
        <source>Compute &amp;All Curves</source>
        <translation>&amp;Alle Kurven berechnen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Interpolation curves of every pair (resumes where it stopped)</source>
        <translation>Interpolationskurven aller Paare (setzt dort fort, wo die Berechnung stehen blieb)</translation>
    </message>
    <message>
        <source>Compute &amp;Selected Pairs</source>
        <translation>Ausgewählte &amp;Paare berechnen</translation>
    </message>
    <message>
        <source>Curves of the pairs among the models selected in the table</source>
        <translation>Kurven der Paare unter den in der Tabelle ausgewählten Modellen</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Batch Size…</source>
        <translation>&amp;Batchgröße…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Open &amp;Demo Study</source>
        <translation>&amp;Demo-Studie öffnen</translation>
    </message>
    <message>
        <source>Build (once) and open a small demo study</source>
        <translation>Eine kleine Demo-Studie (einmalig) erstellen und öffnen</translation>
    </message>
    <message>
        <source>&amp;About BasinScope</source>
        <translation>&amp;Über BasinScope</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>bs::ui::MainWindow</name>
    <message>
        <source>Creating study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.
Shown as last saved; File ▸ Reload shows newer results. Computing here is possible once that process has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BasinScope studies (*.h5);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Everything finished before is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from the study? Their curves are deleted from the file; the checkpoints are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the dataset %1 and its curves from the study?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples per forward pass (lower it if memory runs out):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the demo study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About BasinScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;BasinScope %1&lt;/h3&gt;&lt;p&gt;Explores the loss surface between fine-tuned models: linear interpolation curves, barrier and convexity-gap matrices, and the basins they reveal.&lt;/p&gt;&lt;p&gt;After Juneja et al., &lt;i&gt;Linear Connectivity Reveals Generalization Strategies&lt;/i&gt; (ICLR 2023).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — BasinScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BasinScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connectivity map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpolation curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ModelFolderList</name>
    <message>
        <source>Each folder holds config.json and model.safetensors or pytorch_model.bin (Hugging Face layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Pattern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A glob pattern such as /runs/mnli-seed*; matching folders are found when the study is created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Checkpoint Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Folders Matching a Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glob pattern (e.g. /data/runs/mnli-seed*):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint folders to add (same architecture as the study&apos;s models):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ModelTableModel</name>
    <message>
        <source>not computed yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ModelsPanel</name>
    <message>
        <source>&lt;b&gt;Models&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n dataset(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no study open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::NewStudyWizard</name>
    <message>
        <source>New Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuned checkpoints of one architecture (Hugging Face folders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model label names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only needed when config.json names the labels LABEL_0, LABEL_1, …: give the real names in label-id order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The in-domain set whose loss along the interpolation paths defines the connectivity (e.g. MNLI dev_matched).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostic Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out-of-distribution sets that tell generalisation strategies apart (e.g. HANS lexical overlap, non-entailed). Optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves and File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How finely each interpolation is sampled, and where the study is saved (HDF5, saved after every pair).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points per curve, both ends included (the paper uses 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples of every dataset that sets no sample count (first N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the models and compute every curve once created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points per curve:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per example:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples per dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Study As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BasinScope studies (*.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists. Replace it with the new study?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::NoticeBar</name>
    <message>
        <source>Hide this notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::PlaneContourView</name>
    <message>
        <source>plane axis 1 (towards the second model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plane axis 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2: plane through %3, %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the first grid level…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose three models and Compute Plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x = %1, y = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   %1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::PlanePanel</name>
    <message>
        <source>%1: %2 on %3, %4×%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plane passes through these three models: its origin is the first, its first axis points to the second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid points per axis (the grid is computed coarse first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extent beyond the three models, as a fraction of their bounding box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute Plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Abbrechen</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same colour scale for all planes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One colour range over every stored plane of this dataset, so that planes can be compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset 3D View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image (PNG, SVG, PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid as VTK File (.vts)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2D Contours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D Surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose three different models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another job is running; try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the plane…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×%1 grid drawn of %2×%2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×%1 plane in %2 s (first picture after %3 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the finished grid points are saved and Compute Plane resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plane could not be computed (see the message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 3D view exports as PNG only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plane to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VTK structured grid (*.vts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 3D view needs OpenGL 3.2, which this display does not offer. The 2D view and the exports work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 3D view needs OpenGL, which this display does not offer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::PlaneSurfaceView</name>
    <message>
        <source>axis 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>axis 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the first grid level…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose three models and Compute Plane</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::RegressionScatter</name>
    <message>
        <source>least squares: r = %1, p = %2 (n = %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No values to plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::StudyLoader</name>
    <message>
        <source>%1 does not exist. It may have been moved or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a readable file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is being written by %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::TablePainter</name>
    <message numerus="yes">
        <source>… %n more row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bs::ui::TrainingDynamicsPlot</name>
    <message>
        <source>Training dynamics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag models with a run and a step to see this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unclustered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends in cluster %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bs::ui::ViewExporter</name>
    <message>
        <source>Could not write %1: the folder is missing or not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported by BasinScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export size %1 x %2 px is out of range (16 to 20000 pixels per side).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export resolution %1 dpi is out of range (24 to 2400).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: the folder %2 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore the loss surface between fine-tuned models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study file (.h5) to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the study&apos;s figures (PNG and PDF) to DIR and exit; works without a display.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the study, save a screenshot of the window to FILE and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export-figures needs exactly one study file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
