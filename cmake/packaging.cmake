# A Debian package of the installed tree: cpack -G DEB in the build folder writes
# gcsim_<version>_amd64.deb (scripts/package.sh does it and prints its control fields).
# Depends: what dpkg-shlibdeps finds the program and library linked against (Debian's
# libns3.37, libgsl27, libtcmalloc-minimal4, the C++ runtime); Recommends what gcsim runs
# or what a program built on the models needs: gnuplot for the figures, the ns-3 headers,
# CMake and pkg-config.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gcsim)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "discrete-event simulator of group communication on ns-3")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "discrete-event simulator of group communication on ns-3
 gcsim compares unicast, replicated unicast, multicast, broadcast and overlay delivery on
 one simulated network (LANs, switches, router trees, Internet-like maps): latency,
 completion, load on the sender, on every link and on hosts that never wanted the message.
 .
 This package holds the gcsim program and its shipped scenarios, and gcsim's ns-3 models
 (libgcsim-models) with their headers, CMake package and pkg-config file.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "gcsim maintainers <gcsim@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnuplot-nox | gnuplot, libns3-dev, cmake, pkg-config")
set(CPACK_STRIP_FILES ON)
include(CPack)
