// basinscope-cli zoo: generate (or verify) the demo zoo.
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/common/metric.h"
#include "core/zoo/zoo_builder.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace bs::cli {

namespace {

void printZooSummary(const std::filesystem::path& dir) {
    const nlohmann::json manifest = zoo::readZooManifest(dir);
    const std::string& accuracy = metricId(Metric::Accuracy);
    std::printf("%-22s %-9s %8s %9s %14s %8s\n", "model", "regime", "dev", "dev loss",
                "cue-conflicts", "no-cue");
    for (const auto& m : manifest["models"])
        std::printf("%-22s %-9s %8.3f %9.4f %14.3f %8.3f\n", m["name"].get<std::string>().c_str(),
                    m["regime"].get<std::string>().c_str(), m["dev"][accuracy].get<double>(),
                    m["dev"]["loss"].get<double>(), m["cue_conflicts"][accuracy].get<double>(),
                    m["no_cue"][accuracy].get<double>());
}

} // namespace

void registerZooCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string kind;
        std::string out = "zoo";
        int models = 0;
        std::string recipe;
        std::vector<std::string> overrides;
        int jobs = 2;
        bool force = false;
        bool check = false;
        bool printRecipe = false;
        std::string reusePretrained;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "zoo", "Generate the demo zoo: data, a pre-trained encoder, fine-tuned seeds");
    cmd->add_option("kind", options->kind, "Which zoo (only toy-cue)")
        ->required()
        ->check(CLI::IsMember({"toy-cue"}));
    cmd->add_option("--out", options->out, "Zoo folder")->capture_default_str();
    cmd->add_option("--models", options->models,
                    "Fine-tuned models (default: the recipe's); every second one on the balanced "
                    "training file")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--recipe", options->recipe,
                    "JSON file overriding recipe fields (see --print-recipe)");
    cmd->add_option("--set", options->overrides,
                    "Override one recipe field: SECTION.FIELD=VALUE, e.g. finetune.lr=3e-4");
    cmd->add_option("--jobs", options->jobs,
                    "Models fine-tuned at once, one thread each (results do not depend on it; "
                    "pre-training always runs on one thread)")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    cmd->add_flag("--force", options->force, "Rebuild a zoo made with another recipe");
    cmd->add_flag("--check", options->check, "Only verify the zoo's files against its manifest");
    cmd->add_option("--reuse-pretrained", options->reusePretrained,
                    "Research: take the pre-trained encoder of this zoo (same pre-training "
                    "recipe) instead of pre-training again");
    cmd->add_flag("--print-recipe", options->printRecipe, "Print the recipe as JSON and exit");
    setCommandBody(*cmd, [options, &context]() {
        const std::filesystem::path out = options->out;
        if (options->check) {
            const std::vector<std::string> problems = zoo::verifyZoo(out);
            for (const std::string& p : problems)
                std::cerr << out.string() << ": " << p << "\n";
            if (problems.empty() && !context.quiet) {
                std::cout << out.string() << ": every file matches the manifest\n";
                printZooSummary(out);
            }
            return problems.empty() ? 0 : 1;
        }
        zoo::ZooRecipe recipe = zoo::defaultZooRecipe();
        // The command line as given (recorded in the manifest); --out, --jobs and --force do not
        // change a byte of the models and are recorded for the record only.
        std::string command = "basinscope-cli zoo toy-cue --out " + options->out;
        if (!options->recipe.empty()) {
            recipe = zoo::readRecipeFile(options->recipe, recipe);
            command += " --recipe " + options->recipe;
        }
        if (options->models > 0) {
            recipe.models = options->models;
            command += " --models " + std::to_string(options->models);
        }
        if (!options->overrides.empty()) {
            recipe = zoo::applyRecipeOverrides(recipe, options->overrides);
            for (const std::string& o : options->overrides)
                command += " --set " + o;
        }
        recipe.validate();
        if (options->printRecipe) {
            std::cout << zoo::recipeToJson(recipe).dump(2) << "\n";
            return 0;
        }
        ProgressPrinter printer("zoo", context.quiet);
        zoo::ZooBuildOptions build;
        build.recipe = recipe;
        build.out = out;
        build.jobs = options->jobs;
        build.command = command;
        if (options->jobs != 2)
            build.command += " --jobs " + std::to_string(options->jobs);
        if (options->force)
            build.command += " --force";
        build.force = options->force;
        build.reusePretrained = options->reusePretrained;
        if (!options->reusePretrained.empty())
            build.command += " --reuse-pretrained " + options->reusePretrained;
        build.progress = Progress(printer.callback(), interruptToken());
        build.log = [&](const std::string& line) {
            if (!context.quiet) {
                printer.finish();
                std::cerr << line << "\n";
            }
        };
        const auto start = std::chrono::steady_clock::now();
        const zoo::ZooStatus status = zoo::ensureZoo(build);
        printer.finish();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!context.quiet) {
            if (status == zoo::ZooStatus::UpToDate)
                std::cout << out.string() << " is up to date (same recipe, every file verified)\n";
            else
                std::cout << "built " << out.string() << " in " << formatDuration(seconds) << "\n";
            printZooSummary(out);
        }
        return 0;
    });
}

} // namespace bs::cli
