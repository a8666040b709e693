//! Dialogs in chunks of their own: mounted only while open, their code is
//! fetched when first opened (or when the page is idle).

use leptos::prelude::*;
use scalingo_api::App;

use super::{chunk, chunk_dialog::ChunkDialog};
use crate::components::{
    CommandPalette, CreateAppDialog, ParkDialog, ParkMode, RestartConfirm, ShortcutsDialog,
};

chunk!(
    ChunkDialog LazyCommandPalette(open: RwSignal<bool>) => CommandPalette,
    load command_palette, prefetch prefetch_command_palette, "the command palette"
);
chunk!(
    ChunkDialog LazyShortcutsDialog(open: RwSignal<bool>) => ShortcutsDialog,
    load shortcuts_dialog, prefetch prefetch_shortcuts_dialog, "the shortcuts"
);
chunk!(
    ChunkDialog LazyCreateAppDialog(open: RwSignal<bool>, on_created: Callback<App>) => CreateAppDialog,
    load create_app_dialog, prefetch prefetch_create_app_dialog, "the new app form"
);
chunk!(
    ChunkDialog LazyParkDialog(
        open: RwSignal<bool>,
        mode: ParkMode,
        targets: Vec<(String, String)>
    ) => ParkDialog,
    load park_dialog, prefetch prefetch_park_dialog, "the parking form"
);
chunk!(
    ChunkDialog LazyRestartConfirm(open: RwSignal<bool>) => RestartConfirm,
    load restart_confirm, prefetch prefetch_restart_confirm, "the restart confirmation"
);
