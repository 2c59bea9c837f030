#ifndef GCSIM_SCENARIO_TRANSCRIPT_H
#define GCSIM_SCENARIO_TRANSCRIPT_H

// The classroom transcript ("client N: text" and "reply N: text" lines, '#' comments), read
// by a replay scenario and by `gcsim chat`.

#include "../scenario.h"

#include <functional>
#include <string>
#include <vector>

namespace gcsim
{

/// What is wrong with one transcript line for the caller ("" if nothing).
using TranscriptCheck = std::function<std::string(const TranscriptLine&)>;

/**
 * The lines of the transcript file \p path, blank and '#' lines left out. Throws InputError
 * about \p key: at \p where when the file cannot be read or holds no lines, at "PATH:LINE"
 * for a line that is not "client N: text" or "reply N: text" or that \p check refuses.
 */
std::vector<TranscriptLine> ReadTranscript(const std::string& path, const std::string& where,
                                           const std::string& key, const TranscriptCheck& check);

} // namespace gcsim

#endif
