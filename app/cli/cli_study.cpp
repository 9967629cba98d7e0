#include "app/cli/cli_study.h"

#include "app/cli/progress_printer.h"
#include "core/landscape/model_cache.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"

namespace bs::cli {

WritableStudy::WritableStudy(const std::filesystem::path& file, const std::string& purpose)
    : m_path(file)
    , m_writer(file) {
    m_lock = std::make_unique<StudyLock>(file, purpose);
    m_study = readStudy(file);
}

WritableStudy::~WritableStudy() = default;

void WritableStudy::save(const StudyChange& change) {
    m_writer.save(m_study, change);
}

ComputeOptions computeOptions(const CliContext& context) {
    ComputeOptions options;
    options.batchSize = context.batchSize;
    options.device = context.device;
    options.precision = context.parsedPrecision();
    options.tokenBudget = context.tokenBudget;
    if (!context.memory.empty())
        options.memoryBytes = parseMemorySize(context.memory);
    return options;
}

JobHooks cliHooks(ProgressFn progress, WritableStudy& study) {
    JobHooks hooks;
    hooks.progress = Progress(std::move(progress), interruptToken());
    hooks.persist = [&study](const StudyChange& change) {
        study.save(change);
    };
    return hooks;
}

} // namespace bs::cli
