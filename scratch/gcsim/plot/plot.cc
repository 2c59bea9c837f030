#include "plot.h"

#include "gnuplot-script.h"
#include "models/network/text-file.h"
#include "plot-csv.h"
#include "run-figures.h"
#include "scratch/gcsim/cli/command.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/child-process.h"
#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "sweep-figures.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

namespace gcsim
{

GnuplotMissing::GnuplotMissing(const std::string& message)
  : std::runtime_error(message)
{
}

namespace
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

using namespace plotting;

// ---- Rendering -------------------------------------------------------------------------

/// Runs `gnuplot SCRIPT...` in \p folder; returns its exit status and what it printed.
std::pair<int, std::string>
RunGnuplot(const std::string& gnuplot, const std::string& folder,
           const std::vector<std::string>& scripts)
{
    ChildSpec spec;
    spec.program = gnuplot;
    spec.args = {"gnuplot"};
    spec.args.insert(spec.args.end(), scripts.begin(), scripts.end());
    spec.folder = folder;
    spec.stdinFromNull = true;
    return RunCapturingOutput(spec, "gnuplot");
}

void
WriteFile(const fs::path& path, const std::string& text, const fs::path& shown)
{
    OutputFile f(path.string(), shown.string());
    f << text;
    f.Close();
}

/// The figures of run or sweep folder \p folder.
std::vector<Figure>
FiguresOf(const std::string& folder)
{
    fs::path dir(folder);
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
    {
        throw InputError(folder, "", "is not a folder; " + std::string(kExpected));
    }
    // Drawn only into a folder of gcsim's: a user's folder keeps its own plots/.
    if (IsSweepFolder(folder))
    {
        return SweepFigures(dir);
    }
    if (IsRunFolder(folder))
    {
        return RunFigures(dir);
    }
    throw InputError(folder, "",
                     "is neither a run folder nor a sweep folder; " + std::string(kExpected));
}

/// Writes each figure's data and script into \p stage and renders them all with one gnuplot.
void
RenderFigures(const std::string& gnuplot, const std::vector<Figure>& figures, const fs::path& stage,
              const fs::path& plots)
{
    std::error_code ec;
    std::vector<std::string> scripts;
    for (const auto& f : figures)
    {
        WriteFile(stage / (f.name + ".dat"), f.data, plots / (f.name + ".dat"));
        WriteFile(stage / (f.name + ".gp"), f.script, plots / (f.name + ".gp"));
        scripts.push_back(f.name + ".gp");
    }
    // One gnuplot for all the scripts, one after the other: it stops at the first error.
    auto [status, messages] = RunGnuplot(gnuplot, stage.string(), scripts);
    if (status == 127)
    {
        throw GnuplotMissing("cannot run " + gnuplot);
    }
    if (status != 0)
    {
        throw std::runtime_error("gnuplot failed (exit status " + std::to_string(status) + "):\n" +
                                 messages);
    }
    for (const auto& f : figures)
    {
        for (const char* ext : {".png", ".svg"})
        {
            if (fs::file_size(stage / (f.name + ext), ec) == 0 || ec)
            {
                throw std::runtime_error("gnuplot wrote no " + f.name + ext + ":\n" + messages);
            }
        }
    }
}

} // namespace

std::vector<std::string>
PlotFolder(const std::string& folder, std::ostream& out, const PlotOptions& options)
{
    fs::path dir(folder);
    std::error_code ec;
    std::vector<Figure> figures = FiguresOf(folder);

    std::string gnuplot = FindProgram(options.gnuplot);
    if (gnuplot.empty())
    {
        throw GnuplotMissing(
            "gnuplot not found (looked for `" + options.gnuplot +
            "` on PATH): gcsim plot draws its figures with gnuplot; install it with "
            "`apt-get install gnuplot-nox` (or scripts/setup.sh)");
    }

    fs::path plots = dir / "plots";
    bool made = !fs::exists(fs::symlink_status(plots, ec));
    fs::create_directories(plots, ec);
    if (!fs::is_directory(plots))
    {
        throw InputError(plots.string(), "",
                         ec ? "cannot be created: " + ec.message() : "is not a folder");
    }
    // A plot that fails leaves no plots/ it made (empty by then: its figures never got there).
    struct RemoveIfMade
    {
        const fs::path& plots;
        bool made;
        bool done{false};
        ~RemoveIfMade()
        {
            std::error_code ignored;
            if (made && !done)
            {
                fs::remove(plots, ignored);
            }
        }
    } removeIfMade{plots, made};
    RemoveOnInterrupt removeIfInterrupted;
    if (made)
    {
        removeIfInterrupted = RemoveOnInterrupt(plots.string(), RemoveOnInterrupt::EMPTY_FOLDER);
    }
    RemoveDeadStaging(plots.string());
    StagingFolder staging(plots.string(), "plots", plots.string());
    fs::path stage(staging.Path());
    const char* extensions[] = {".dat", ".gp", ".svg", ".png"};
    RenderFigures(gnuplot, figures, stage, plots);
    // Every figure rendered: now into place, each file by one rename, all of them.
    std::vector<std::string> names;
    {
        DeferInterrupts defer;
        for (const auto& f : figures)
        {
            for (const char* ext : extensions)
            {
                fs::rename(stage / (f.name + ext), plots / (f.name + ext), ec);
                if (ec)
                {
                    throw WriteError("cannot write " + (plots / (f.name + ext)).string() + ": " +
                                     ec.message());
                }
            }
            names.push_back(f.name);
        }
    }
    removeIfMade.done = true;
    out << "plots in " << plots.string() << ":";
    for (const auto& n : names)
    {
        out << ' ' << n;
    }
    out << " (.png, .svg; each NAME.gp re-renders with `gnuplot NAME.gp`)\n";
    return names;
}

std::vector<std::string>
PlotOrSay(const std::string& folder, const std::string& shown, std::ostream& err)
{
    std::ostringstream said; // PlotFolder's line names `folder`, maybe a staging folder
    try
    {
        return PlotFolder(folder, said);
    }
    catch (const GnuplotMissing&)
    {
        err << "gcsim: note: no plots: gnuplot is not installed (apt-get install gnuplot-nox, "
               "or scripts/setup.sh; --no-plots skips them)\n";
    }
    catch (const std::exception& e)
    {
        err << "gcsim: warning: plots not drawn: " << Printable(e.what())
            << "; the results are complete (`gcsim plot " << Printable(ShellQuote(shown))
            << "` draws them)\n";
    }
    return {};
}

int
PlotCommand(const std::string& folder, std::ostream& out, std::ostream& err,
            const PlotOptions& options)
{
    try
    {
        PlotFolder(folder, out, options);
        return EXIT_OK;
    }
    catch (const GnuplotMissing& e)
    {
        err << "gcsim: error: " << e.what() << '\n';
        return EXIT_INTERNAL;
    }
}

} // namespace gcsim
