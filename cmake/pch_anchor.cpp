// Anchors the shared precompiled header target (cmake/gdcheck_helpers.cmake).
