<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CommandLine</name>
    <message>
        <source>Tenfour: push-to-talk voice for your team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to this relay for this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join this channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this name for this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in the tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drive the running Tenfour&apos;s push-to-talk: press, release or toggle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a ws:// or wss:// URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ptt takes press, release or toggle, not %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PttKey</name>
    <message>
        <source>Ctrl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Super</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse button %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>tenfour: Tenfour is not running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::input::CarbonKeyBackend</name>
    <message>
        <source>Cannot install the hot-key handler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key %1 cannot be bound on macOS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is taken by another application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be watched: %2. If you have just allowed Input Monitoring, restart Tenfour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs the Input Monitoring permission. Allow Tenfour in System Settings &gt; Privacy &amp; Security &gt; Input Monitoring, then restart Tenfour; or choose a key such as F8, which needs no permission.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::input::DBusPttService</name>
    <message>
        <source>No D-Bus session bus: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot register %1 on the session bus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The D-Bus name %1 is taken (is Tenfour already running?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::input::PortalKeyBackend</name>
    <message>
        <source>No D-Bus session bus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No desktop portal is running: bind a key to Tenfour&apos;s D-Bus StartTalking/StopTalking in your desktop&apos;s keyboard settings instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop&apos;s portal has no global shortcuts (GlobalShortcuts): bind a key to Tenfour&apos;s D-Bus StartTalking/StopTalking in your desktop&apos;s keyboard settings instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop portal refused a global-shortcuts session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop portal cannot bind mouse buttons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop portal cannot bind a modifier key alone (%1); choose another key, such as a function key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop did not bind the push-to-talk shortcut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop portal refused a global-shortcuts session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop closed the global-shortcuts session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::input::PushToTalkInput</name>
    <message>
        <source>No global push-to-talk key on this desktop; use the button or the D-Bus command.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::input::WindowsKeyBackend</name>
    <message>
        <source>The key %1 cannot be bound on Windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key cannot be suppressed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::input::X11KeyBackend</name>
    <message>
        <source>No X11 display (DISPLAY is not set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the X11 display %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server has no XInput extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server does not support XInput 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server has no XKB extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the X11 keyboard map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server refused XInput 2 raw events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the X11 display was lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::AppController</name>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::AudioInputPage</name>
    <message>
        <source>&amp;Noise suppression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Automatic gain control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input &amp;gain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak: the bar should move. Noise suppression and automatic gain use WebRTC audio processing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio input</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::AudioOutputPage</name>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum jitter buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum jitter buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter buffer mi&amp;nimum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter buffer ma&amp;ximum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A larger jitter buffer plays smoothly over a bad network, at the cost of delay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ChannelKeyList</name>
    <message>
        <source>&amp;Add a channel key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel of the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this channel key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ConnectionStatusLabel</name>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connection lost, reconnecting in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authorized: check the user name and password or token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::DeviceCombo</name>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::EngineVoiceBackend</name>
    <message>
        <source>No speaker to play the recording on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::FirstRunWizard</name>
    <message>
        <source>Welcome to Tenfour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone and speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your push-to-talk key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the button, then press the key you want to hold while you talk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key you do not type with works best, such as Right Ctrl or a function key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in the echo channel: hold the button, say something, release it, and you hear yourself back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>echo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To talk with your team, add the server they gave you. You can also do it later from the menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a server…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::GeneralPage</name>
    <message>
        <source>Start at &amp;login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify when someone talks while the window is hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also &amp;save the history to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let other computers on the &amp;LAN use the built-in server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name others see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec bitrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec &amp;bitrate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History size limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::GlobalPtt</name>
    <message>
        <source>The push-to-talk key stopped working: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The D-Bus push-to-talk service is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supported on this desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No global key (%1): bind a shortcut of your desktop to &quot;tenfour --ptt toggle&quot; or to the D-Bus call org.tenfour.PushToTalk.StartTalking/StopTalking on /PushToTalk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not work as the global push-to-talk key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The push-to-talk key cannot be suppressed, other programs still see it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channel keys do not work as global keys: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::HistoryModel</name>
    <message>
        <source>%1 (missed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::HistoryView</name>
    <message>
        <source>Recent transmissions (click to replay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop replay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::KeyCaptureButton</name>
    <message>
        <source>Push-to-talk key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press the key… (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key: click to choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X11 (XInput 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Wayland global shortcuts portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows Raw Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>macOS hot keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key chosen: only the button and the commands below start talking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No global key works on this desktop: %1 works only while a Tenfour window has focus. Use one of the commands below for the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot bind a modifier key alone (%2): choose a key such as F8 or Ctrl + F8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot bind mouse buttons: choose a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press the key or mouse button… (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click, then press the key you want to hold while you talk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::LevelMeter</name>
    <message>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::MainWindow</name>
    <message>
        <source>Audio: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain available (%1): passwords are kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenfour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-run &amp;guide…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tenfour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tenfour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour %1
Push-to-talk voice for your team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers and channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No channel: join one in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 and forget its password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour keeps running in the tray, so you still hear your channels. Use Quit in the tray menu to stop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk key problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::OfflineVoiceBackend</name>
    <message>
        <source>this build of Tenfour has no voice engine</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::PttButton</name>
    <message>
        <source>Push to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to talk on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel busy: %1 is talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a channel to talk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::PttPage</name>
    <message>
        <source>&amp;Push-to-talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Voice activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to start, click to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release &amp;tail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;re-roll:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk-permit &amp;chirp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End-of-transmission beep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Busy tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio cues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice activation threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy the commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global key backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the global key can do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands to bind to a shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour hears the key while other programs have focus, through %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier keys alone (such as Right Ctrl): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse buttons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program that has focus does not see the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program that has focus sees the key too: choose one it does not use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system asks once for permission to watch the keyboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To talk from a macro tool or a shortcut of your desktop, bind one of these commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this desktop offers no way to watch a key for all programs (for example Wayland without the global shortcuts portal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No global key works here: %1. The key works only while a Tenfour window has focus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To talk while other programs have focus, add a shortcut in your desktop&apos;s keyboard settings that runs one of these commands (press and release for hold to talk, toggle for one key that starts and stops):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press the key or click the button once to start talking, and again to stop. &quot;tenfour --ptt press&quot; works like the key (&quot;release&quot; does nothing). Over D-Bus, StartTalking always starts, StopTalking always stops and ToggleTalking switches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk while the key or the button is held down. &quot;tenfour --ptt press&quot; and &quot;release&quot;, and the D-Bus calls StartTalking and StopTalking, work like pressing and releasing the key; &quot;toggle&quot; and ToggleTalking start or stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Windows option: only there can Tenfour keep the key from the program that has focus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour then watches the keyboard and mouse with a low-level hook instead of Raw Input and keeps the bound key from other programs. The left mouse button is never suppressed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modifier keys alone (such as Right Ctrl) and mouse buttons need the Input Monitoring permission; other keys need none. The first time you choose one, macOS asks whether Tenfour may monitor input: allow it, or later turn Tenfour on under System Settings &gt; Privacy &amp; Security &gt; Input Monitoring. macOS applies the permission after Tenfour restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suppress the key: the program that has focus does not see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold a channel key to talk on that channel of the current server. When you are not in it, Tenfour joins it for the talk and leaves it again afterwards. The mode above applies.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ServerDialog</name>
    <message>
        <source>Add server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name from the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>general, ops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password or token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Channels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the server a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// and name a host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ServerTree</name>
    <message>
        <source>Servers and channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Talk here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ServerTreeModel</name>
    <message>
        <source>%1 — you are talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 is talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, not joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (muted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, talking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::SessionManager</name>
    <message>
        <source>Channel %1 is busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel %1 is busy: %2 is talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a channel to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic relay: no floor control, everyone in one room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: cannot talk on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::SettingsDialog</name>
    <message>
        <source>Tenfour settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset this page to the defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::SingleInstance</name>
    <message>
        <source>Tenfour is already running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tenfour::ui::TrayController</name>
    <message>
        <source>&amp;Mute speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour: disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour: ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour: receiving %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour: talking on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenfour: channel busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
