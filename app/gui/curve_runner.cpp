#include "app/gui/curve_runner.h"

#include "app/gui/compute_worker.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/curve_job.h"
#include "core/jobs/study_session.h"

#include <QFileInfo>

#include <algorithm>

namespace bs::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// Between the same two models (either direction) and of the same kind.
bool sameCurveKey(const TrainedCurveView& a, const TrainedCurveView& b) {
    const bool samePair = (a.first == b.first && a.second == b.second) ||
                          (a.first == b.second && a.second == b.first);
    return samePair && a.kind == b.kind;
}

} // namespace

CurveRunner::CurveRunner(StudyDocument* document, StudyJobRunner* runner, QWidget* window,
                         QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(runner)
    , m_window(window)
    , m_last(CurveChoice::defaults()) {
    setObjectName(QStringLiteral("CurveRunner"));
    // Curves belong to their study file: another file forgets them (the same file, saved
    // by a job, keeps them).
    connect(m_document, &StudyDocument::studyReset, this, [this] {
        if (m_document->path() != m_curvesPath) {
            m_curves.clear();
            m_curvesPath = m_document->path();
        }
        publish();
    });
    // A job saved curves in the study (this runner's, or another's).
    connect(m_document, &StudyDocument::trainedCurvesChanged, this, &CurveRunner::publish);
}

CurveChoice CurveRunner::initialChoice(int64_t i, int64_t j) const {
    const Study& study = m_document->study();
    CurveChoice choice = m_last;
    if (i >= 0 && j >= 0 && size_t(std::max(i, j)) < study.models.size()) {
        choice.first = qs(study.models[size_t(i)].name);
        choice.second = qs(study.models[size_t(j)].name);
    }
    // No training file chosen yet: the surface dataset's file, which the user should replace
    // by a training file (the dialog says why).
    if (choice.trainSpec.isEmpty())
        if (const DatasetEntry* surface = study.surfaceDataset())
            choice.trainSpec = qs(surface->source + ":" + surface->format);
    return choice;
}

void CurveRunner::requestCurve(int64_t i, int64_t j) {
    if (!m_document->isOpen())
        return;
    CurveDialog dialog(m_document->study(), initialChoice(i, j), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!train(dialog.choice()))
        emit statusMessage(StudyJobRunner::busyMessage(), 5000);
}

bool CurveRunner::train(const CurveChoice& choice) {
    CurveRequest request;
    request.first = choice.first.toStdString();
    request.second = choice.second.toStdString();
    request.trainSpec = choice.trainSpec.toStdString();
    try {
        request.training.kind = parseCurveKind(choice.kind.toStdString());
        request.training.optimizer = parseCurveOptimizer(choice.optimizer.toStdString());
    } catch (const Error& e) {
        emit statusMessage(qs(e.what()), 8000);
        return false;
    }
    request.training.steps = choice.steps;
    request.training.learningRate = choice.learningRate;
    request.training.batchSize = choice.batchSize;
    request.training.seed = choice.seed;
    const QString title =
        tr("Training a %1 %2 → %3")
            .arg(choice.kind == QLatin1String("polychain") ? tr("polychain") : tr("Bezier curve"),
                 choice.first, choice.second);
    // The control point is kept beside the study, as the CLI keeps it, so that a cancelled
    // evaluation resumes without training again.
    request.keepIn = m_document->path().toStdString() + ".curves";
    StudyJobHandle* job =
        m_runner->run(JobKind::TrainCurve, title, [request](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            const StoredCurveRun run =
                computeStoredCurve(context.study, session, request, context.hooks);
            context.post(QVariant::fromValue(
                TrainedCurveView::fromStudy(context.study.trainedCurves[run.index])));
        });
    if (!job)
        return false; // another job runs (perhaps this runner's): its state stays
    m_running = true;
    m_last = choice;
    job->onResult<TrainedCurveView>(this,
                                    [this](const TrainedCurveView& curve) { onResult(curve); });
    connect(job, &StudyJobHandle::finished, this, [this](JobOutcome outcome) {
        m_running = false;
        emit finished(outcome);
    });
    return true;
}

void CurveRunner::onResult(const TrainedCurveView& curve) {
    // One curve per pair and kind: training again replaces the earlier one.
    std::erase_if(m_curves, [&](const TrainedCurveView& c) { return sameCurveKey(c, curve); });
    m_curves.push_back(curve);
    m_curvesPath = m_document->path();
    publish();
    const Study& study = m_document->study();
    const DatasetEntry* surface = study.surfaceDataset();
    for (const TrainedCurveView::Dataset& d : curve.datasets)
        if (surface && d.dataset == surface->name)
            emit statusMessage(
                tr("%1 %2 → %3: barrier height on %4 %5 (line %6)")
                    .arg(curve.kindTitle(), qs(curve.first), qs(curve.second), qs(d.dataset))
                    .arg(d.curve.barrierHeight, 0, 'g', 4)
                    .arg(d.line.barrierHeight, 0, 'g', 4),
                10000);
    emit curveReady(curve);
}

void CurveRunner::publish() {
    // The curves the study keeps, then this session's; of those between the same two models
    // and of the same kind the view draws the last.
    std::vector<TrainedCurveView> all;
    for (const TrainedCurve& c : m_document->study().trainedCurves)
        all.push_back(TrainedCurveView::fromStudy(c));
    all.insert(all.end(), m_curves.begin(), m_curves.end());
    std::vector<TrainedCurveView> shown;
    for (auto c = all.rbegin(); c != all.rend(); ++c)
        if (std::none_of(shown.begin(), shown.end(),
                         [&](const TrainedCurveView& s) { return sameCurveKey(s, *c); }))
            shown.insert(shown.begin(), *c);
    emit curvesChanged(shown);
}

} // namespace bs::ui
