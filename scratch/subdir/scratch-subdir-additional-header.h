#ifndef SCRATCH_SUBDIR_ADDITIONAL_HEADER_H
#define SCRATCH_SUBDIR_ADDITIONAL_HEADER_H

#include <string>

/// A line built from gcsim's tables, in a second file of the program.
std::string ScratchSubdirFunction();

#endif
