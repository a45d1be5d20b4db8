import '@fontsource/nunito-sans/400.css'
