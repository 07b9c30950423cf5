<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandLine</name>
    <message>
        <source>Tenfour: push-to-talk voice for your team.</source>
        <translation>Tenfour：为你的团队提供按键通话语音。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本并退出。</translation>
    </message>
    <message>
        <source>Connect to this relay for this run.</source>
        <translation>本次运行连接到此中继服务器。</translation>
    </message>
    <message>
        <source>Join this channel.</source>
        <translation>加入此频道。</translation>
    </message>
    <message>
        <source>Use this name for this run.</source>
        <translation>本次运行使用此名字。</translation>
    </message>
    <message>
        <source>Start in the tray.</source>
        <translation>启动时最小化到托盘。</translation>
    </message>
    <message>
        <source>Drive the running Tenfour&apos;s push-to-talk: press, release or toggle.</source>
        <translation>控制正在运行的 Tenfour 的按键通话：press（按下）、release（松开）或 toggle（切换）。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>无法识别的参数：%1</translation>
    </message>
    <message>
        <source>Not a ws:// or wss:// URL: %1</source>
        <translation>不是 ws:// 或 wss:// 地址：%1</translation>
    </message>
    <message>
        <source>--ptt takes press, release or toggle, not %1</source>
        <translation>--ptt 只接受 press、release 或 toggle，而不是 %1</translation>
    </message>
</context>
<context>
    <name>PttKey</name>
    <message>
        <source>Ctrl</source>
        <translation>Ctrl</translation>
    </message>
    <message>
        <source>Alt</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Super</source>
        <translation>Super</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Mouse button %1</source>
        <translation>鼠标按键 %1</translation>
    </message>
    <message>
        <source>Right %1</source>
        <translation>右 %1</translation>
    </message>
    <message>
        <source>Left %1</source>
        <translation>左 %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>tenfour: Tenfour is not running</source>
        <translation>tenfour：Tenfour 没有在运行</translation>
    </message>
</context>
<context>
    <name>tenfour::input::CarbonKeyBackend</name>
    <message>
        <source>Cannot install the hot-key handler.</source>
        <translation>无法安装热键处理程序。</translation>
    </message>
    <message>
        <source>The key %1 cannot be bound on macOS.</source>
        <translation>在 macOS 上无法绑定按键 %1。</translation>
    </message>
    <message>
        <source>%1 is taken by another application.</source>
        <translation>%1 已被其他应用程序占用。</translation>
    </message>
    <message>
        <source>%1 cannot be watched: %2. If you have just allowed Input Monitoring, restart Tenfour.</source>
        <translation>无法监听 %1：%2。如果刚刚允许了“输入监控”，请重新启动 Tenfour。</translation>
    </message>
    <message>
        <source>%1 needs the Input Monitoring permission. Allow Tenfour in System Settings &gt; Privacy &amp; Security &gt; Input Monitoring, then restart Tenfour; or choose a key such as F8, which needs no permission.</source>
        <translation>%1 需要“输入监控”权限。请在“系统设置 &gt; 隐私与安全性 &gt; 输入监控”中允许 Tenfour，然后重新启动 Tenfour；或者选择 F8 之类无需权限的按键。</translation>
    </message>
</context>
<context>
    <name>tenfour::input::DBusPttService</name>
    <message>
        <source>No D-Bus session bus: %1</source>
        <translation>没有 D-Bus 会话总线：%1</translation>
    </message>
    <message>
        <source>Cannot register %1 on the session bus.</source>
        <translation>无法在会话总线上注册 %1。</translation>
    </message>
    <message>
        <source>The D-Bus name %1 is taken (is Tenfour already running?).</source>
        <translation>D-Bus 名称 %1 已被占用（Tenfour 是否已在运行？）。</translation>
    </message>
</context>
<context>
    <name>tenfour::input::PortalKeyBackend</name>
    <message>
        <source>No D-Bus session bus.</source>
        <translation>没有 D-Bus 会话总线。</translation>
    </message>
    <message>
        <source>No desktop portal is running: bind a key to Tenfour&apos;s D-Bus StartTalking/StopTalking in your desktop&apos;s keyboard settings instead.</source>
        <translation>没有正在运行的桌面门户：请改为在桌面的键盘设置中将按键绑定到 Tenfour 的 D-Bus StartTalking/StopTalking。</translation>
    </message>
    <message>
        <source>This desktop&apos;s portal has no global shortcuts (GlobalShortcuts): bind a key to Tenfour&apos;s D-Bus StartTalking/StopTalking in your desktop&apos;s keyboard settings instead.</source>
        <translation>此桌面的门户不支持全局快捷键（GlobalShortcuts）：请改为在桌面的键盘设置中将按键绑定到 Tenfour 的 D-Bus StartTalking/StopTalking。</translation>
    </message>
    <message>
        <source>The desktop portal refused a global-shortcuts session: %1</source>
        <translation>桌面门户拒绝了全局快捷键会话：%1</translation>
    </message>
    <message>
        <source>The desktop portal cannot bind mouse buttons.</source>
        <translation>桌面门户无法绑定鼠标按键。</translation>
    </message>
    <message>
        <source>The desktop portal cannot bind a modifier key alone (%1); choose another key, such as a function key.</source>
        <translation>桌面门户无法单独绑定修饰键（%1）；请选择其他按键，例如功能键。</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>按键通话</translation>
    </message>
    <message>
        <source>The desktop did not bind the push-to-talk shortcut.</source>
        <translation>桌面没有绑定按键通话快捷键。</translation>
    </message>
    <message>
        <source>The desktop portal refused a global-shortcuts session.</source>
        <translation>桌面门户拒绝了全局快捷键会话。</translation>
    </message>
    <message>
        <source>The desktop closed the global-shortcuts session.</source>
        <translation>桌面关闭了全局快捷键会话。</translation>
    </message>
</context>
<context>
    <name>tenfour::input::PushToTalkInput</name>
    <message>
        <source>No global push-to-talk key on this desktop; use the button or the D-Bus command.</source>
        <translation>此桌面不支持全局按键通话键；请使用按钮或 D-Bus 命令。</translation>
    </message>
</context>
<context>
    <name>tenfour::input::WindowsKeyBackend</name>
    <message>
        <source>The key %1 cannot be bound on Windows.</source>
        <translation>在 Windows 上无法绑定按键 %1。</translation>
    </message>
    <message>
        <source>The key cannot be suppressed: %1</source>
        <translation>无法屏蔽该按键：%1</translation>
    </message>
</context>
<context>
    <name>tenfour::input::X11KeyBackend</name>
    <message>
        <source>No X11 display (DISPLAY is not set).</source>
        <translation>没有 X11 显示（未设置 DISPLAY）。</translation>
    </message>
    <message>
        <source>Cannot connect to the X11 display %1.</source>
        <translation>无法连接到 X11 显示 %1。</translation>
    </message>
    <message>
        <source>The X server has no XInput extension.</source>
        <translation>X 服务器没有 XInput 扩展。</translation>
    </message>
    <message>
        <source>The X server does not support XInput 2.</source>
        <translation>X 服务器不支持 XInput 2。</translation>
    </message>
    <message>
        <source>The X server has no XKB extension.</source>
        <translation>X 服务器没有 XKB 扩展。</translation>
    </message>
    <message>
        <source>Cannot read the X11 keyboard map.</source>
        <translation>无法读取 X11 键盘映射。</translation>
    </message>
    <message>
        <source>The X server refused XInput 2 raw events.</source>
        <translation>X 服务器拒绝了 XInput 2 原始事件。</translation>
    </message>
    <message>
        <source>The connection to the X11 display was lost.</source>
        <translation>与 X11 显示的连接已断开。</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::AppController</name>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::AudioInputPage</name>
    <message>
        <source>&amp;Noise suppression</source>
        <translation>降噪(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Automatic gain control</source>
        <translation>自动增益控制(&amp;A)</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Input gain</source>
        <translation>输入增益</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>电平：</translation>
    </message>
    <message>
        <source>Input &amp;gain:</source>
        <translation>输入增益(&amp;G)：</translation>
    </message>
    <message>
        <source>Speak: the bar should move. Noise suppression and automatic gain use WebRTC audio processing.</source>
        <translation>请说话：电平条应当跳动。降噪和自动增益使用 WebRTC 音频处理。</translation>
    </message>
    <message>
        <source>Audio input</source>
        <translation>音频输入</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::AudioOutputPage</name>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Minimum jitter buffer</source>
        <translation>最小抖动缓冲</translation>
    </message>
    <message>
        <source>Maximum jitter buffer</source>
        <translation>最大抖动缓冲</translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation>扬声器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>音量(&amp;V)：</translation>
    </message>
    <message>
        <source>Jitter buffer mi&amp;nimum:</source>
        <translation>抖动缓冲最小值(&amp;N)：</translation>
    </message>
    <message>
        <source>Jitter buffer ma&amp;ximum:</source>
        <translation>抖动缓冲最大值(&amp;X)：</translation>
    </message>
    <message>
        <source>A larger jitter buffer plays smoothly over a bad network, at the cost of delay.</source>
        <translation>抖动缓冲越大，在网络较差时播放越流畅，但延迟也越高。</translation>
    </message>
    <message>
        <source>Audio output</source>
        <translation>音频输出</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ChannelKeyList</name>
    <message>
        <source>&amp;Add a channel key</source>
        <translation>添加频道键(&amp;A)</translation>
    </message>
    <message>
        <source>Channel key</source>
        <translation>频道键</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>Channel of the key</source>
        <translation>该键对应的频道</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove this channel key</source>
        <translation>移除此频道键</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ConnectionStatusLabel</name>
    <message>
        <source>Disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost, reconnecting in %n s</source>
        <translation>
            <numerusform>连接已断开，%n 秒后重新连接</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation>连接已断开，正在重新连接…</translation>
    </message>
    <message>
        <source>Not authorized: check the user name and password or token</source>
        <translation>未获授权：请检查用户名和密码或令牌</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::DeviceCombo</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation>%1（不可用）</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::EngineVoiceBackend</name>
    <message>
        <source>No speaker to play the recording on</source>
        <translation>没有可播放录音的扬声器</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::FirstRunWizard</name>
    <message>
        <source>Welcome to Tenfour</source>
        <translation>欢迎使用 Tenfour</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Microphone and speaker</source>
        <translation>麦克风和扬声器</translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation>请说话：电平条应当跳动。</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>电平：</translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation>扬声器(&amp;S)：</translation>
    </message>
    <message>
        <source>Your push-to-talk key</source>
        <translation>你的按键通话键</translation>
    </message>
    <message>
        <source>Click the button, then press the key you want to hold while you talk.</source>
        <translation>单击按钮，然后按下讲话时要按住的按键。</translation>
    </message>
    <message>
        <source>A key you do not type with works best, such as Right Ctrl or a function key.</source>
        <translation>最好选择打字时不用的按键，例如右 Ctrl 或功能键。</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>You are in the echo channel: hold the button, say something, release it, and you hear yourself back.</source>
        <translation>你现在在回声（echo）频道：按住按钮说几句话，松开后就能听到自己的声音。</translation>
    </message>
    <message>
        <source>echo</source>
        <translation>echo</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>To talk with your team, add the server they gave you. You can also do it later from the menu.</source>
        <translation>要和团队通话，请添加他们提供的服务器。你也可以稍后从菜单中添加。</translation>
    </message>
    <message>
        <source>&amp;Add a server…</source>
        <translation>添加服务器(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::GeneralPage</name>
    <message>
        <source>Start at &amp;login</source>
        <translation>登录时启动(&amp;L)</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>启动时最小化到托盘(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Notify when someone talks while the window is hidden</source>
        <translation>窗口隐藏时有人讲话则通知(&amp;N)</translation>
    </message>
    <message>
        <source>Also &amp;save the history to disk</source>
        <translation>同时将历史记录保存到磁盘(&amp;S)</translation>
    </message>
    <message>
        <source>Let other computers on the &amp;LAN use the built-in server</source>
        <translation>允许局域网内的其他电脑使用内置服务器(&amp;L)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>The name others see</source>
        <translation>其他人看到的名字</translation>
    </message>
    <message>
        <source> kbit/s</source>
        <translation> kbit/s</translation>
    </message>
    <message>
        <source>Codec bitrate</source>
        <translation>编码码率</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>History size limit</source>
        <translation>历史记录大小上限</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>你的名字(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Codec &amp;bitrate:</source>
        <translation>编码码率(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;History size limit:</source>
        <translation>历史记录大小上限(&amp;H)：</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::GlobalPtt</name>
    <message>
        <source>The push-to-talk key stopped working: %1</source>
        <translation>按键通话键已失效：%1</translation>
    </message>
    <message>
        <source>The D-Bus push-to-talk service is not available: %1</source>
        <translation>D-Bus 按键通话服务不可用：%1</translation>
    </message>
    <message>
        <source>Global key: %1</source>
        <translation>全局按键：%1</translation>
    </message>
    <message>
        <source>not supported on this desktop</source>
        <translation>此桌面不支持</translation>
    </message>
    <message>
        <source>No global key (%1): bind a shortcut of your desktop to &quot;tenfour --ptt toggle&quot; or to the D-Bus call org.tenfour.PushToTalk.StartTalking/StopTalking on /PushToTalk</source>
        <translation>没有全局按键（%1）：请在桌面设置中将快捷键绑定到 &quot;tenfour --ptt toggle&quot;，或绑定到 /PushToTalk 上的 D-Bus 调用 org.tenfour.PushToTalk.StartTalking/StopTalking</translation>
    </message>
    <message>
        <source>%1 does not work as the global push-to-talk key: %2</source>
        <translation>%1 无法用作全局按键通话键：%2</translation>
    </message>
    <message>
        <source>The push-to-talk key cannot be suppressed, other programs still see it: %1</source>
        <translation>无法屏蔽按键通话键，其他程序仍会收到它：%1</translation>
    </message>
    <message>
        <source>The channel keys do not work as global keys: %1</source>
        <translation>频道键无法用作全局按键：%1</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::HistoryModel</name>
    <message>
        <source>%1 (missed)</source>
        <translation>%1（未收听）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>讲话人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::HistoryView</name>
    <message>
        <source>Recent transmissions (click to replay)</source>
        <translation>最近的通话（单击重放）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Stop replay</source>
        <translation>停止重放</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::KeyCaptureButton</name>
    <message>
        <source>Push-to-talk key</source>
        <translation>按键通话键</translation>
    </message>
    <message>
        <source>Press the key… (Esc cancels)</source>
        <translation>请按下按键…（Esc 取消）</translation>
    </message>
    <message>
        <source>No key: click to choose</source>
        <translation>未设置按键：单击选择</translation>
    </message>
    <message>
        <source>X11 (XInput 2)</source>
        <translation>X11（XInput 2）</translation>
    </message>
    <message>
        <source>the Wayland global shortcuts portal</source>
        <translation>Wayland 全局快捷键门户</translation>
    </message>
    <message>
        <source>Windows Raw Input</source>
        <translation>Windows 原始输入（Raw Input）</translation>
    </message>
    <message>
        <source>macOS hot keys</source>
        <translation>macOS 热键</translation>
    </message>
    <message>
        <source>No key chosen: only the button and the commands below start talking.</source>
        <translation>未选择按键：只有按钮和下面的命令可以开始讲话。</translation>
    </message>
    <message>
        <source>No global key works on this desktop: %1 works only while a Tenfour window has focus. Use one of the commands below for the rest.</source>
        <translation>此桌面上没有可用的全局按键：%1 仅在 Tenfour 窗口获得焦点时有效。其他情况请使用下面的命令之一。</translation>
    </message>
    <message>
        <source>%1 cannot bind a modifier key alone (%2): choose a key such as F8 or Ctrl + F8.</source>
        <translation>%1 无法单独绑定修饰键（%2）：请选择 F8 或 Ctrl + F8 之类的按键。</translation>
    </message>
    <message>
        <source>%1 cannot bind mouse buttons: choose a key.</source>
        <translation>%1 无法绑定鼠标按键：请选择一个按键。</translation>
    </message>
    <message>
        <source>Press the key or mouse button… (Esc cancels)</source>
        <translation>请按下按键或鼠标按键…（Esc 取消）</translation>
    </message>
    <message>
        <source>Click, then press the key you want to hold while you talk</source>
        <translation>单击，然后按下讲话时要按住的按键</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::LevelMeter</name>
    <message>
        <source>Input level</source>
        <translation>输入电平</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::MainWindow</name>
    <message>
        <source>Audio: %1</source>
        <translation>音频：%1</translation>
    </message>
    <message>
        <source>No keychain available (%1): passwords are kept for this session only</source>
        <translation>没有可用的密钥环（%1）：密码仅在本次会话中保留</translation>
    </message>
    <message>
        <source>Tenfour</source>
        <translation>Tenfour</translation>
    </message>
    <message>
        <source>&amp;Tenfour</source>
        <translation>Tenfour(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Add server…</source>
        <translation>添加服务器(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>First-run &amp;guide…</source>
        <translation>新手引导(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Tenfour</source>
        <translation>关于 Tenfour(&amp;A)</translation>
    </message>
    <message>
        <source>About Tenfour</source>
        <translation>关于 Tenfour</translation>
    </message>
    <message>
        <source>Tenfour %1
Push-to-talk voice for your team.</source>
        <translation>Tenfour %1
为你的团队提供按键通话语音。</translation>
    </message>
    <message>
        <source>Servers and channels</source>
        <translation>服务器和频道</translation>
    </message>
    <message>
        <source>No channel: join one in the list</source>
        <translation>没有频道：请在列表中加入一个</translation>
    </message>
    <message>
        <source>Channel %1 on %2</source>
        <translation>%2 上的频道 %1</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>删除服务器</translation>
    </message>
    <message>
        <source>Remove %1 and forget its password?</source>
        <translation>删除 %1 并忘记其密码？</translation>
    </message>
    <message>
        <source>Tenfour keeps running in the tray, so you still hear your channels. Use Quit in the tray menu to stop it.</source>
        <translation>Tenfour 会继续在托盘中运行，你仍能听到频道里的声音。要停止它，请使用托盘菜单中的“退出”。</translation>
    </message>
    <message>
        <source>Push-to-talk key problem</source>
        <translation>按键通话键问题</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::OfflineVoiceBackend</name>
    <message>
        <source>this build of Tenfour has no voice engine</source>
        <translation>此版本的 Tenfour 不含语音引擎</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::PttButton</name>
    <message>
        <source>Push to talk</source>
        <translation>按住说话</translation>
    </message>
    <message>
        <source>Push to talk on %1</source>
        <translation>按住在 %1 说话</translation>
    </message>
    <message>
        <source>Waiting for the channel…</source>
        <translation>正在等待频道…</translation>
    </message>
    <message>
        <source>Talking on %1</source>
        <translation>正在 %1 讲话</translation>
    </message>
    <message>
        <source>Channel busy</source>
        <translation>频道忙</translation>
    </message>
    <message>
        <source>Channel busy: %1 is talking</source>
        <translation>频道忙：%1 正在讲话</translation>
    </message>
    <message>
        <source>Join a channel to talk</source>
        <translation>加入频道后才能讲话</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::PttPage</name>
    <message>
        <source>&amp;Push-to-talk</source>
        <translation>按键通话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Voice activation</source>
        <translation>语音激活(&amp;V)</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>按住讲话</translation>
    </message>
    <message>
        <source>Click to start, click to stop</source>
        <translation>单击开始，再次单击停止</translation>
    </message>
    <message>
        <source>Push-to-talk mode</source>
        <translation>按键通话模式</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Release tail</source>
        <translation>松开后延续</translation>
    </message>
    <message>
        <source>Pre-roll</source>
        <translation>预录</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>按键通话</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>按键(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Release &amp;tail:</source>
        <translation>松开后延续(&amp;T)：</translation>
    </message>
    <message>
        <source>P&amp;re-roll:</source>
        <translation>预录(&amp;R)：</translation>
    </message>
    <message>
        <source>Talk-permit &amp;chirp</source>
        <translation>允许讲话提示音(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;End-of-transmission beep</source>
        <translation>通话结束提示音(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Busy tone</source>
        <translation>忙音(&amp;B)</translation>
    </message>
    <message>
        <source>Audio cues</source>
        <translation>提示音</translation>
    </message>
    <message>
        <source>%1 volume</source>
        <translation>%1音量</translation>
    </message>
    <message>
        <source>Voice activation</source>
        <translation>语音激活</translation>
    </message>
    <message>
        <source>Voice activation threshold</source>
        <translation>语音激活阈值</translation>
    </message>
    <message>
        <source>&amp;Threshold:</source>
        <translation>阈值(&amp;T)：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>电平：</translation>
    </message>
    <message>
        <source>&amp;Copy the commands</source>
        <translation>复制命令(&amp;C)</translation>
    </message>
    <message>
        <source>Key warning</source>
        <translation>按键警告</translation>
    </message>
    <message>
        <source>Global key</source>
        <translation>全局按键</translation>
    </message>
    <message>
        <source>Global key backend</source>
        <translation>全局按键后端</translation>
    </message>
    <message>
        <source>What the global key can do</source>
        <translation>全局按键支持的功能</translation>
    </message>
    <message>
        <source>Commands to bind to a shortcut</source>
        <translation>可绑定到快捷键的命令</translation>
    </message>
    <message>
        <source>Tenfour hears the key while other programs have focus, through %1.</source>
        <translation>即使其他程序拥有焦点，Tenfour 也能通过 %1 检测到该按键。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Modifier keys alone (such as Right Ctrl): %1</source>
        <translation>单独的修饰键（例如右 Ctrl）：%1</translation>
    </message>
    <message>
        <source>Mouse buttons: %1</source>
        <translation>鼠标按键：%1</translation>
    </message>
    <message>
        <source>The program that has focus does not see the key.</source>
        <translation>拥有焦点的程序收不到该按键。</translation>
    </message>
    <message>
        <source>The program that has focus sees the key too: choose one it does not use.</source>
        <translation>拥有焦点的程序也会收到该按键：请选择它不使用的按键。</translation>
    </message>
    <message>
        <source>The system asks once for permission to watch the keyboard.</source>
        <translation>系统会询问一次是否允许监视键盘。</translation>
    </message>
    <message>
        <source>To talk from a macro tool or a shortcut of your desktop, bind one of these commands:</source>
        <translation>要通过宏工具或桌面快捷键讲话，请绑定以下命令之一：</translation>
    </message>
    <message>
        <source>this desktop offers no way to watch a key for all programs (for example Wayland without the global shortcuts portal)</source>
        <translation>此桌面无法为所有程序监视按键（例如没有全局快捷键门户的 Wayland）</translation>
    </message>
    <message>
        <source>No global key works here: %1. The key works only while a Tenfour window has focus.</source>
        <translation>此处没有可用的全局按键：%1。按键仅在 Tenfour 窗口获得焦点时有效。</translation>
    </message>
    <message>
        <source>To talk while other programs have focus, add a shortcut in your desktop&apos;s keyboard settings that runs one of these commands (press and release for hold to talk, toggle for one key that starts and stops):</source>
        <translation>要在其他程序拥有焦点时讲话，请在桌面的键盘设置中添加一个运行以下命令之一的快捷键（按住讲话用 press 和 release，用同一个键开始和停止则用 toggle）：</translation>
    </message>
    <message>
        <source>Press the key or click the button once to start talking, and again to stop. &quot;tenfour --ptt press&quot; works like the key (&quot;release&quot; does nothing). Over D-Bus, StartTalking always starts, StopTalking always stops and ToggleTalking switches.</source>
        <translation>按一下按键或单击一下按钮开始讲话，再按一次停止。&quot;tenfour --ptt press&quot; 的作用与按键相同（&quot;release&quot; 不起作用）。通过 D-Bus 时，StartTalking 总是开始，StopTalking 总是停止，ToggleTalking 则在两者之间切换。</translation>
    </message>
    <message>
        <source>Talk while the key or the button is held down. &quot;tenfour --ptt press&quot; and &quot;release&quot;, and the D-Bus calls StartTalking and StopTalking, work like pressing and releasing the key; &quot;toggle&quot; and ToggleTalking start or stop.</source>
        <translation>按住按键或按钮时讲话。&quot;tenfour --ptt press&quot; 和 &quot;release&quot; 以及 D-Bus 调用 StartTalking 和 StopTalking 的作用与按下和松开按键相同；&quot;toggle&quot; 和 ToggleTalking 用于开始或停止。</translation>
    </message>
    <message>
        <source>A Windows option: only there can Tenfour keep the key from the program that has focus.</source>
        <translation>仅适用于 Windows：只有在 Windows 上，Tenfour 才能让拥有焦点的程序收不到该按键。</translation>
    </message>
    <message>
        <source>Tenfour then watches the keyboard and mouse with a low-level hook instead of Raw Input and keeps the bound key from other programs. The left mouse button is never suppressed.</source>
        <translation>启用后，Tenfour 改用低级钩子（而不是 Raw Input）监视键盘和鼠标，使绑定的按键不再传给其他程序。鼠标左键永远不会被屏蔽。</translation>
    </message>
    <message>
        <source>Modifier keys alone (such as Right Ctrl) and mouse buttons need the Input Monitoring permission; other keys need none. The first time you choose one, macOS asks whether Tenfour may monitor input: allow it, or later turn Tenfour on under System Settings &gt; Privacy &amp; Security &gt; Input Monitoring. macOS applies the permission after Tenfour restarts.</source>
        <translation>单独的修饰键（例如右 Ctrl）和鼠标按键需要“输入监控”权限；其他按键不需要。第一次选择这类按键时，macOS 会询问是否允许 Tenfour 监控输入：请允许，或稍后在“系统设置 &gt; 隐私与安全性 &gt; 输入监控”中打开 Tenfour。macOS 在 Tenfour 重新启动后才会应用该权限。</translation>
    </message>
    <message>
        <source>Permission needed</source>
        <translation>需要权限</translation>
    </message>
    <message>
        <source>&amp;Suppress the key: the program that has focus does not see it</source>
        <translation>屏蔽按键(&amp;S)：拥有焦点的程序收不到它</translation>
    </message>
    <message>
        <source>Channel keys</source>
        <translation>频道键</translation>
    </message>
    <message>
        <source>Hold a channel key to talk on that channel of the current server. When you are not in it, Tenfour joins it for the talk and leaves it again afterwards. The mode above applies.</source>
        <translation>按住频道键即可在当前服务器的该频道讲话。如果你不在该频道，Tenfour 会为这次讲话加入它，讲完后再退出。上面的模式同样适用。</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ServerDialog</name>
    <message>
        <source>Add server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Edit server</source>
        <translation>编辑服务器</translation>
    </message>
    <message>
        <source>Your name from the settings</source>
        <translation>使用设置中的名字</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>general, ops</source>
        <translation>general, ops</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password or token</source>
        <translation>密码或令牌</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>密码或令牌(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Channels:</source>
        <translation>频道(&amp;C)：</translation>
    </message>
    <message>
        <source>Give the server a name.</source>
        <translation>请为服务器命名。</translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// and name a host.</source>
        <translation>地址必须以 ws:// 或 wss:// 开头，并包含主机名。</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ServerTree</name>
    <message>
        <source>Servers and channels</source>
        <translation>服务器和频道</translation>
    </message>
    <message>
        <source>&amp;Edit server…</source>
        <translation>编辑服务器(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove server</source>
        <translation>删除服务器(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Talk here</source>
        <translation>在此讲话(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>离开(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Volume of %1</source>
        <translation>%1 的音量</translation>
    </message>
    <message>
        <source>&amp;Mute %1</source>
        <translation>静音 %1(&amp;M)</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::ServerTreeModel</name>
    <message>
        <source>%1 — you are talking</source>
        <translation>%1 — 你正在讲话</translation>
    </message>
    <message>
        <source>%1 — %2 is talking</source>
        <translation>%1 — %2 正在讲话</translation>
    </message>
    <message>
        <source>%1, joined</source>
        <translation>%1，已加入</translation>
    </message>
    <message>
        <source>%1, not joined</source>
        <translation>%1，未加入</translation>
    </message>
    <message>
        <source>%1 (muted)</source>
        <translation>%1（已静音）</translation>
    </message>
    <message>
        <source>%1, talking</source>
        <translation>%1，正在讲话</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::SessionManager</name>
    <message>
        <source>Channel %1 is busy</source>
        <translation>频道 %1 忙</translation>
    </message>
    <message>
        <source>Channel %1 is busy: %2 is talking</source>
        <translation>频道 %1 忙：%2 正在讲话</translation>
    </message>
    <message>
        <source>Join a channel to talk</source>
        <translation>加入频道后才能讲话</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 中的 %1</translation>
    </message>
    <message>
        <source>basic relay: no floor control, everyone in one room</source>
        <translation>基础中继：没有发言权控制，所有人在同一个房间</translation>
    </message>
    <message>
        <source>Not connected: cannot talk on %1</source>
        <translation>未连接：无法在 %1 讲话</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::SettingsDialog</name>
    <message>
        <source>Tenfour settings</source>
        <translation>Tenfour 设置</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>恢复默认(&amp;D)</translation>
    </message>
    <message>
        <source>Reset this page to the defaults</source>
        <translation>将本页恢复为默认设置</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::SingleInstance</name>
    <message>
        <source>Tenfour is already running</source>
        <translation>Tenfour 已在运行</translation>
    </message>
</context>
<context>
    <name>tenfour::ui::TrayController</name>
    <message>
        <source>&amp;Mute speaker</source>
        <translation>扬声器静音(&amp;M)</translation>
    </message>
    <message>
        <source>Join %1</source>
        <translation>加入 %1</translation>
    </message>
    <message>
        <source>Talk on %1</source>
        <translation>在 %1 讲话</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>显示窗口(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Tenfour: disconnected</source>
        <translation>Tenfour：未连接</translation>
    </message>
    <message>
        <source>Tenfour: ready</source>
        <translation>Tenfour：就绪</translation>
    </message>
    <message>
        <source>Tenfour: receiving %1</source>
        <translation>Tenfour：正在接收 %1</translation>
    </message>
    <message>
        <source>Tenfour: talking on %1</source>
        <translation>Tenfour：正在 %1 讲话</translation>
    </message>
    <message>
        <source>Tenfour: channel busy</source>
        <translation>Tenfour：频道忙</translation>
    </message>
    <message>
        <source>%1 is talking</source>
        <translation>%1 正在讲话</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
</context>
</TS>
