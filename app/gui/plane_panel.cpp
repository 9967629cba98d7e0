#include "app/gui/plane_panel.h"

#include "app/gui/compute_worker.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/study_session.h"
#include "core/study/plane_export.h"
#include "widgets/plane_contour_view.h"
#include "widgets/plane_surface_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QOpenGLContext>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace bs::ui {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString planeTitle(const PlaneResult& p) {
    if (p.trajectory)
        return PlanePanel::tr("%1: trajectory of %2 on %3, %4×%4")
            .arg(qs(p.id), qs(p.trajectory->run), qs(p.dataset))
            .arg(p.resolution);
    if (p.directions)
        return PlanePanel::tr("%1: around %2 (seed %3) on %4, %5×%5")
            .arg(qs(p.id), qs(p.models[0]))
            .arg(p.directions->seed)
            .arg(qs(p.dataset))
            .arg(p.resolution);
    QStringList names;
    for (const std::string& m : p.models)
        names << qs(m);
    return PlanePanel::tr("%1: %2 on %3, %4×%4")
        .arg(qs(p.id), names.join(QStringLiteral(", ")), qs(p.dataset))
        .arg(p.resolution);
}

} // namespace

PlanePanel::PlanePanel(StudyDocument* document, StudyJobRunner* runner, Settings* settings,
                       QWidget* parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_settings(settings)
    , m_document(document) {
    qRegisterMetaType<bs::PlaneResult>();
    setObjectName(QStringLiteral("PlanePanel"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* controls = new QHBoxLayout;
    const char* roles[3] = {QT_TR_NOOP("Origin"), QT_TR_NOOP("Axis"), QT_TR_NOOP("Third")};
    for (int m = 0; m < 3; ++m) {
        controls->addWidget(new QLabel(tr(roles[m]), this));
        m_modelBoxes[m] = new QComboBox(this);
        m_modelBoxes[m]->setMinimumContentsLength(10);
        m_modelBoxes[m]->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_modelBoxes[m]->setToolTip(tr("The plane passes through these three models: its origin "
                                       "is the first, its first axis points to the second."));
        controls->addWidget(m_modelBoxes[m], 1);
    }
    controls->addWidget(new QLabel(tr("Dataset"), this));
    m_datasetBox = new QComboBox(this);
    controls->addWidget(m_datasetBox);
    controls->addWidget(new QLabel(tr("Resolution"), this));
    m_resolutionBox = new QSpinBox(this);
    m_resolutionBox->setRange(3, 401);
    m_resolutionBox->setValue(31);
    m_resolutionBox->setToolTip(tr("Grid points per axis (the grid is computed coarse first)"));
    controls->addWidget(m_resolutionBox);
    controls->addWidget(new QLabel(tr("Margin"), this));
    m_marginBox = new QDoubleSpinBox(this);
    m_marginBox->setRange(0.0, 10.0);
    m_marginBox->setSingleStep(0.05);
    m_marginBox->setValue(0.25);
    m_marginBox->setToolTip(tr("Extent beyond the three models, as a fraction of their "
                               "bounding box"));
    controls->addWidget(m_marginBox);
    m_computeButton = new QPushButton(tr("Compute Plane"), this);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setEnabled(false);
    controls->addWidget(m_computeButton);
    controls->addWidget(m_cancelButton);
    layout->addLayout(controls);

    // A surface around one model along two random filter-normalized directions: shares the
    // dataset and resolution of the row above, and the views below.
    auto* around = new QHBoxLayout;
    around->addWidget(new QLabel(tr("Around"), this));
    m_centreBox = new QComboBox(this);
    m_centreBox->setMinimumContentsLength(10);
    m_centreBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_centreBox->setToolTip(tr("The model at the centre of a surface along random directions"));
    around->addWidget(m_centreBox, 1);
    around->addWidget(new QLabel(tr("Seed"), this));
    m_seedBox = new QSpinBox(this);
    m_seedBox->setRange(0, std::numeric_limits<int>::max());
    m_seedBox->setToolTip(tr("The seed of the two directions: the same seed gives the same "
                             "directions, bit for bit"));
    around->addWidget(m_seedBox);
    around->addWidget(new QLabel(tr("Biases"), this));
    m_biasesBox = new QComboBox(this);
    m_biasesBox->addItem(tr("Zero"), QStringLiteral("zero"));
    m_biasesBox->addItem(tr("Keep"), QStringLiteral("keep"));
    m_biasesBox->setToolTip(tr("Biases and LayerNorm parameters in the directions: zero (only "
                               "weight matrices move) or the model's own values"));
    around->addWidget(m_biasesBox);
    around->addWidget(new QLabel(tr("Range ±"), this));
    m_rangeBox = new QDoubleSpinBox(this);
    m_rangeBox->setRange(0.01, 100.0);
    m_rangeBox->setSingleStep(0.25);
    m_rangeBox->setValue(1.0);
    m_rangeBox->setToolTip(tr("Both coordinates run over [-range, range], in units of the "
                              "filter-normalized directions"));
    around->addWidget(m_rangeBox);
    m_surfaceButton = new QPushButton(tr("Compute Surface"), this);
    m_surfaceButton->setToolTip(tr("The loss around the model along two random directions "
                                   "(an odd resolution: the model is the centre point)"));
    around->addWidget(m_surfaceButton);
    around->addStretch(1);
    layout->addLayout(around);

    auto* display = new QHBoxLayout;
    display->addWidget(new QLabel(tr("Plane"), this));
    m_planeBox = new QComboBox(this);
    m_planeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    display->addWidget(m_planeBox, 1);
    display->addWidget(new QLabel(tr("Show"), this));
    m_quantityBox = new QComboBox(this);
    m_quantityBox->addItem(tr("Loss"));
    m_quantityBox->addItem(tr("Metric"));
    display->addWidget(m_quantityBox);
    m_logBox = new QCheckBox(tr("Log scale"), this);
    m_sharedBox = new QCheckBox(tr("Same colour scale for all planes"), this);
    m_sharedBox->setToolTip(tr("One colour range over every stored plane of this dataset, so "
                               "that planes can be compared"));
    display->addWidget(m_logBox);
    display->addWidget(m_sharedBox);
    m_resetButton = new QToolButton(this);
    m_resetButton->setText(tr("Reset 3D View"));
    display->addWidget(m_resetButton);
    m_exportButton = new QToolButton(this);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_exportButton);
    connect(menu->addAction(tr("Image (PNG, SVG, PDF)…")), &QAction::triggered, this,
            [this] { exportWithDialog(0); });
    connect(menu->addAction(tr("Grid as VTK File (.vts)…")), &QAction::triggered, this,
            [this] { exportWithDialog(1); });
    connect(menu->addAction(tr("Grid as CSV…")), &QAction::triggered, this,
            [this] { exportWithDialog(2); });
    m_exportButton->setMenu(menu);
    display->addWidget(m_exportButton);
    layout->addLayout(display);

    m_tabs = new QTabWidget(this);
    m_contour = new PlaneContourView(this);
    m_tabs->addTab(m_contour, tr("2D Contours"));
    // The 3D view is made when its tab is first shown, and only where OpenGL works (the
    // offscreen platform of headless runs has none).
    m_surfacePage = new QWidget(this);
    auto* page = new QVBoxLayout(m_surfacePage);
    page->setContentsMargins(0, 0, 0, 0);
    m_tabs->addTab(m_surfacePage, tr("3D Surface"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1)
            ensureSurfaceView();
    });
    layout->addWidget(m_tabs, 1);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    connect(m_computeButton, &QPushButton::clicked, this, [this] { computePlane(); });
    connect(m_surfaceButton, &QPushButton::clicked, this, [this] { computeSurface(); });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_computing)
            m_runner->cancel();
    });
    connect(m_planeBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_updating && index >= 0)
            showStoredPlane(m_planeBox->itemData(index).toInt());
    });
    connect(m_quantityBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_contour->setQuantity(index == 1 ? PlaneQuantity::Metric : PlaneQuantity::Loss);
        applyColorRange();
    });
    connect(m_logBox, &QCheckBox::toggled, this, [this](bool on) {
        m_contour->setLogScale(on);
        if (m_surface)
            m_surface->setLogScale(on);
    });
    connect(m_sharedBox, &QCheckBox::toggled, this, [this] { applyColorRange(); });
    connect(m_resetButton, &QToolButton::clicked, this, [this] {
        if (m_surface)
            m_surface->resetView();
    });
    connect(m_contour, &PlaneContourView::hovered, this, [this](const QString& text) {
        if (!text.isEmpty())
            emit statusMessage(text);
    });
    connect(m_document, &StudyDocument::studyReset, this, &PlanePanel::rebuild);
    connect(m_document, &StudyDocument::planesChanged, this, &PlanePanel::rebuild);
    connect(m_runner, &StudyJobRunner::busyChanged, this, [this](bool busy) {
        m_computeButton->setEnabled(!busy && m_document->isOpen());
        m_surfaceButton->setEnabled(!busy && m_document->isOpen());
    });
    rebuild();
}

QString PlanePanel::metricName() const {
    const int64_t d = m_document->study().datasetIndex(m_plane.dataset);
    return d >= 0 ? qs(m_document->study().datasets[size_t(d)].primaryMetric)
                  : qs(metricId(Metric::Accuracy));
}

void PlanePanel::rebuild() {
    const Study& study = m_document->study();
    m_updating = true;
    fillModelBoxes();
    const QString dataset = m_datasetBox->currentText();
    m_datasetBox->clear();
    for (const DatasetEntry& d : study.datasets)
        m_datasetBox->addItem(qs(d.name));
    const int keep = m_datasetBox->findText(dataset);
    if (keep >= 0)
        m_datasetBox->setCurrentIndex(keep);
    else if (const DatasetEntry* surface = study.surfaceDataset())
        m_datasetBox->setCurrentText(qs(surface->name));
    m_updating = false;
    refreshPlaneList();
    m_computeButton->setEnabled(m_document->isOpen() && !m_runner->busy());
    m_surfaceButton->setEnabled(m_computeButton->isEnabled());
    // The study as saved may hold a finer version of the shown plane (or none at all).
    if (!m_computing) {
        int found = -1;
        for (size_t p = 0; p < study.planes.size(); ++p)
            if (study.planes[p].id == m_plane.id && study.planes[p].models == m_plane.models)
                found = int(p);
        if (found >= 0)
            showStoredPlane(found);
        else if (!study.planes.empty())
            showStoredPlane(int(study.planes.size()) - 1);
        else
            display(PlaneResult());
    }
}

void PlanePanel::fillModelBoxes() {
    const Study& study = m_document->study();
    for (int m = 0; m < 3; ++m) {
        const QString current = m_modelBoxes[m]->currentText();
        m_modelBoxes[m]->clear();
        for (const ModelEntry& model : study.models)
            m_modelBoxes[m]->addItem(qs(model.name));
        const int keep = m_modelBoxes[m]->findText(current);
        m_modelBoxes[m]->setCurrentIndex(keep >= 0 ? keep
                                                   : std::min(m, m_modelBoxes[m]->count() - 1));
    }
    const QString centre = m_centreBox->currentText();
    m_centreBox->clear();
    for (const ModelEntry& model : study.models)
        m_centreBox->addItem(qs(model.name));
    if (const int keep = m_centreBox->findText(centre); keep >= 0)
        m_centreBox->setCurrentIndex(keep);
}

void PlanePanel::refreshPlaneList() {
    const Study& study = m_document->study();
    m_updating = true;
    m_planeBox->clear();
    for (size_t p = 0; p < study.planes.size(); ++p)
        m_planeBox->addItem(planeTitle(study.planes[p]), int(p));
    for (int k = 0; k < m_planeBox->count(); ++k)
        if (study.planes[size_t(m_planeBox->itemData(k).toInt())].id == m_plane.id)
            m_planeBox->setCurrentIndex(k);
    m_updating = false;
}

void PlanePanel::onSelection(const std::vector<int64_t>& models) {
    if (models.size() != 3)
        return;
    std::vector<std::string> names;
    for (int64_t m : models)
        names.push_back(m_document->study().models[size_t(m)].name);
    setModels(names);
}

void PlanePanel::setModels(const std::vector<std::string>& names) {
    for (int m = 0; m < 3 && m < int(names.size()); ++m) {
        const int index = m_modelBoxes[m]->findText(qs(names[size_t(m)]));
        if (index >= 0)
            m_modelBoxes[m]->setCurrentIndex(index);
    }
}

void PlanePanel::setResolution(int resolution) {
    m_resolutionBox->setValue(resolution);
}

void PlanePanel::setMargin(double margin) {
    m_marginBox->setValue(margin);
}

PlaneRequest PlanePanel::request() const {
    PlaneRequest request;
    for (int m = 0; m < 3; ++m)
        request.models[size_t(m)] = m_modelBoxes[m]->currentText().toStdString();
    request.dataset = m_datasetBox->currentText().toStdString();
    request.resolution = m_resolutionBox->value();
    request.margin = m_marginBox->value();
    return request;
}

DirectionSurfaceRequest PlanePanel::surfaceRequest() const {
    DirectionSurfaceRequest request;
    request.model = m_centreBox->currentText().toStdString();
    request.dataset = m_datasetBox->currentText().toStdString();
    // The model must be the centre point: an even resolution becomes the next odd one.
    request.resolution = m_resolutionBox->value() | 1;
    request.range = m_rangeBox->value();
    request.directions.seed = static_cast<uint64_t>(m_seedBox->value());
    request.directions.biases =
        parseBiasTreatment(m_biasesBox->currentData().toString().toStdString());
    return request;
}

void PlanePanel::setSurfaceRequest(const DirectionSurfaceRequest& request) {
    m_centreBox->setCurrentText(qs(request.model));
    if (!request.dataset.empty())
        m_datasetBox->setCurrentText(qs(request.dataset));
    m_resolutionBox->setValue(int(request.resolution));
    m_rangeBox->setValue(request.range);
    m_seedBox->setValue(int(request.directions.seed));
    m_biasesBox->setCurrentIndex(request.directions.biases == BiasTreatment::Zero ? 0 : 1);
}

bool PlanePanel::computeSurface() {
    const DirectionSurfaceRequest request = surfaceRequest();
    if (request.model.empty()) {
        m_status->setText(tr("Choose the model at the centre."));
        return false;
    }
    return startPlaneJob(tr("Computing surface"), [request](StudyJobContext& context) {
        const size_t index = findOrAddDirectionSurface(context.study, request);
        context.post(QVariant::fromValue(context.study.planes[index]));
        StudySession session(context.study, context.options);
        computeDirectionSurface(
            context.study, session, index, request.dimensions, context.hooks,
            [&context](const PlaneResult& plane) { context.post(QVariant::fromValue(plane)); });
    });
}

bool PlanePanel::computePlane() {
    const PlaneRequest request = this->request();
    if (request.models[0] == request.models[1] || request.models[0] == request.models[2] ||
        request.models[1] == request.models[2]) {
        m_status->setText(tr("Choose three different models."));
        return false;
    }
    return startPlaneJob(tr("Computing plane"), [request](StudyJobContext& context) {
        const size_t index = findOrAddPlane(context.study, request);
        // The empty plane first: the views show the models and the grid's extent at once.
        context.post(QVariant::fromValue(context.study.planes[index]));
        StudySession session(context.study, context.options);
        bs::computePlane(
            context.study, session, index, context.hooks,
            [&context](const PlaneResult& plane) { context.post(QVariant::fromValue(plane)); });
    });
}

bool PlanePanel::startPlaneJob(const QString& title, std::function<void(StudyJobContext&)> body) {
    StudyJobHandle* job = m_runner->run(JobKind::Plane, title, std::move(body));
    if (!job) {
        m_status->setText(StudyJobRunner::busyMessage());
        return false;
    }
    m_computing = true;
    m_firstPictureMs = -1;
    m_totalMs = -1;
    m_drawnLevels.clear();
    m_timer.start();
    m_computeButton->setEnabled(false);
    m_surfaceButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Computing…"));
    job->onResult<PlaneResult>(this, [this](const PlaneResult& plane) { onResult(plane); });
    connect(job, &StudyJobHandle::finished, this, &PlanePanel::onJobFinished);
    return true;
}

void PlanePanel::onResult(const PlaneResult& plane) {
    display(plane);
    const int64_t drawn = m_contour->displayedResolution();
    if (drawn > 0 && (m_drawnLevels.empty() || m_drawnLevels.back() != drawn)) {
        m_drawnLevels.push_back(drawn);
        if (m_firstPictureMs < 0)
            m_firstPictureMs = double(m_timer.nsecsElapsed()) / 1e6;
    }
    if (drawn > 0)
        m_status->setText(tr("%1×%1 grid drawn of %2×%2…").arg(drawn).arg(plane.resolution));
}

void PlanePanel::onJobFinished(JobOutcome outcome) {
    if (!m_computing)
        return;
    m_computing = false;
    m_cancelButton->setEnabled(false);
    m_totalMs = double(m_timer.nsecsElapsed()) / 1e6;
    // The document now holds the plane as saved: show that (complete, or what finished).
    rebuild();
    if (outcome == JobOutcome::Completed)
        m_status->setText(tr("%1×%1 plane in %2 s (first picture after %3 s).")
                              .arg(m_plane.resolution)
                              .arg(m_totalMs / 1000.0, 0, 'f', 1)
                              .arg(m_firstPictureMs / 1000.0, 0, 'f', 1));
    else if (outcome == JobOutcome::Cancelled)
        m_status->setText(tr("Cancelled; the finished grid points are saved and Compute Plane "
                             "resumes."));
    else
        m_status->setText(tr("The plane could not be computed (see the message)."));
}

void PlanePanel::showStoredPlane(int index) {
    const Study& study = m_document->study();
    if (index < 0 || size_t(index) >= study.planes.size())
        return;
    display(study.planes[size_t(index)]);
    refreshPlaneList();
}

void PlanePanel::display(const PlaneResult& plane) {
    m_plane = plane;
    m_contour->setPlane(plane, metricName());
    if (m_surface)
        m_surface->setPlane(plane);
    applyColorRange();
    emit planeShown(m_contour->displayedResolution());
}

void PlanePanel::applyColorRange() {
    if (!m_sharedBox->isChecked() || m_plane.resolution <= 0) {
        m_contour->setColorRange(std::nullopt);
        if (m_surface)
            m_surface->setColorRange(std::nullopt);
        return;
    }
    // Every stored plane on this dataset, and the shown one (it may not be saved yet).
    const PlaneQuantity quantity =
        m_quantityBox->currentIndex() == 1 ? PlaneQuantity::Metric : PlaneQuantity::Loss;
    double low = 0, high = 0;
    bool found = planeValueRange(m_plane, quantity, low, high);
    double lossLow = 0, lossHigh = 0;
    bool lossFound = planeValueRange(m_plane, PlaneQuantity::Loss, lossLow, lossHigh);
    for (const PlaneResult& p : m_document->study().planes) {
        if (p.dataset != m_plane.dataset)
            continue;
        double a = 0, b = 0;
        if (planeValueRange(p, quantity, a, b)) {
            low = found ? std::min(low, a) : a;
            high = found ? std::max(high, b) : b;
            found = true;
        }
        if (planeValueRange(p, PlaneQuantity::Loss, a, b)) {
            lossLow = lossFound ? std::min(lossLow, a) : a;
            lossHigh = lossFound ? std::max(lossHigh, b) : b;
            lossFound = true;
        }
    }
    m_contour->setColorRange(found ? std::optional(std::pair(low, high)) : std::nullopt);
    if (m_surface)
        m_surface->setColorRange(lossFound ? std::optional(std::pair(lossLow, lossHigh))
                                           : std::nullopt);
}

void PlanePanel::setShowMetric(bool metric) {
    m_quantityBox->setCurrentIndex(metric ? 1 : 0);
}

void PlanePanel::setLogScale(bool on) {
    m_logBox->setChecked(on);
}

void PlanePanel::setSharedColorScale(bool on) {
    m_sharedBox->setChecked(on);
}

void PlanePanel::show3D(bool on) {
    m_tabs->setCurrentIndex(on ? 1 : 0);
}

bool PlanePanel::openGLAvailable() {
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
        return false;
    QOpenGLContext context;
    QSurfaceFormat format;
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    context.setFormat(format);
    return context.create();
}

void PlanePanel::ensureSurfaceView() {
    if (m_surface || m_surfaceTried)
        return;
    m_surfaceTried = true;
    if (!openGLAvailable()) {
        auto* label = new QLabel(tr("The 3D view needs OpenGL 3.2, which this display does not "
                                    "offer. The 2D view and the exports work."),
                                 m_surfacePage);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        m_surfacePage->layout()->addWidget(label);
        return;
    }
    m_surface = new PlaneSurfaceView(m_surfacePage);
    m_surfacePage->layout()->addWidget(m_surface);
    m_surface->setLogScale(m_logBox->isChecked());
    m_surface->setPlane(m_plane);
    applyColorRange();
}

} // namespace bs::ui
