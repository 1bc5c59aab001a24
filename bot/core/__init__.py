"""The core: content, screens, rendering and counting. It never imports aiogram."""
