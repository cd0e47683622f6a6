<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AlertController</name>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="53"/>
        <source>Ignored a malformed alert: %1</source>
        <translation>Đã bỏ qua một cảnh báo sai định dạng: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="72"/>
        <source>Could not acknowledge alert %1: %2</source>
        <translation>Không xác nhận được cảnh báo %1: %2</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="34"/>
        <source>Wrong-way driving</source>
        <translation>Đi ngược chiều</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="35"/>
        <source>Red-light running</source>
        <translation>Vượt đèn đỏ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="36"/>
        <source>No helmet</source>
        <translation>Không đội mũ bảo hiểm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="37"/>
        <source>Illegal parking</source>
        <translation>Đỗ xe sai quy định</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="38"/>
        <source>Sidewalk encroachment</source>
        <translation>Lấn chiếm vỉa hè</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="39"/>
        <source>Street vending</source>
        <translation>Buôn bán hàng rong</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="40"/>
        <source>Littering</source>
        <translation>Xả rác</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="41"/>
        <source>Crowding</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="42"/>
        <source>Smoke / fire</source>
        <translation>Khói / cháy</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="43"/>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="44"/>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="45"/>
        <source>Intrusion</source>
        <translation>Xâm nhập</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="46"/>
        <source>Lane violation</source>
        <translation>Đi sai làn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="47"/>
        <source>Speeding</source>
        <translation>Quá tốc độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="48"/>
        <source>Traffic jam</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="49"/>
        <source>Accident</source>
        <translation>Tai nạn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="50"/>
        <source>Fallen tree</source>
        <translation>Cây đổ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="51"/>
        <source>Loitering</source>
        <translation>Lảng vảng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="52"/>
        <source>Low</source>
        <translation>Thấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="53"/>
        <source>Medium</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="54"/>
        <source>High</source>
        <translation>Cao</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="55"/>
        <source>Critical</source>
        <translation>Khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="56"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="57"/>
        <source>Acknowledged</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="58"/>
        <source>Dismissed</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="59"/>
        <source>Escalated</source>
        <translation>Đã chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="83"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="84"/>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="85"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="86"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="87"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="88"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="89"/>
        <source>Owner</source>
        <translation>Người xử lý</translation>
    </message>
</context>
<context>
    <name>AlertTableWidget</name>
    <message>
        <location filename="../../widgets/alert_table.py" line="35"/>
        <source>Filter alerts (type, camera, ward, state)…</source>
        <translation>Lọc cảnh báo (loại, camera, phường, trạng thái)…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="38"/>
        <source>Acknowledge</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="39"/>
        <source>Acknowledge the selected alerts (A)</source>
        <translation>Xác nhận các cảnh báo đã chọn (A)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/alert_table.py" line="84"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n cảnh báo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CameraTreeWidget</name>
    <message>
        <location filename="../../widgets/camera_tree.py" line="22"/>
        <source>Search cameras or wards…</source>
        <translation>Tìm camera hoặc phường…</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <location filename="../../console/app.py" line="105"/>
        <source>Cannot reach the backend at %1</source>
        <translation>Không kết nối được máy chủ %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="148"/>
        <source>The saved wall layout is invalid (%1); showing the default layout.</source>
        <translation>Bố cục tường video đã lưu không hợp lệ (%1); đang dùng bố cục mặc định.</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="192"/>
        <source>Normal operations</source>
        <translation>Vận hành thường ngày</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="238"/>
        <source>Layout not applied: %1</source>
        <translation>Không áp dụng bố cục: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../console/login_dialog.py" line="21"/>
        <source>IOC console — sign in</source>
        <translation>Bàn điều hành IOC — đăng nhập</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="30"/>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="31"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="32"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/main_window.py" line="24"/>
        <source>IOC console — Huế Intelligent Operations Center</source>
        <translation>Bàn điều hành IOC — Trung tâm Giám sát, điều hành đô thị thông minh Huế</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="29"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="39"/>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="46"/>
        <source>&amp;Wall</source>
        <translation>&amp;Tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="47"/>
        <source>Open layout…</source>
        <translation>Mở bố cục…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="62"/>
        <source>Backend online</source>
        <translation>Máy chủ trực tuyến</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="63"/>
        <source>Connecting to backend…</source>
        <translation>Đang kết nối máy chủ…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="64"/>
        <source>Backend offline</source>
        <translation>Mất kết nối máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="90"/>
        <source>Open wall layout</source>
        <translation>Mở bố cục tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="90"/>
        <source>Wall layouts (*.json)</source>
        <translation>Bố cục tường video (*.json)</translation>
    </message>
</context>
<context>
    <name>VideoTileWidget</name>
    <message>
        <location filename="../../widgets/video_tile.py" line="80"/>
        <location filename="../../widgets/video_tile.py" line="119"/>
        <source>No camera</source>
        <translation>Chưa có camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="98"/>
        <source>Drop or pick a camera</source>
        <translation>Kéo thả hoặc chọn một camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="34"/>
        <source>idle</source>
        <translation>chờ</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="35"/>
        <source>connecting</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="36"/>
        <source>live</source>
        <translation>trực tiếp</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="37"/>
        <source>stalled</source>
        <translation>mất hình</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="38"/>
        <source>reconnecting</source>
        <translation>đang kết nối lại</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="39"/>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
</context>
<context>
    <name>WallController</name>
    <message>
        <location filename="../../console/controllers/wall_controller.py" line="135"/>
        <source>unknown camera</source>
        <translation>camera không xác định</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <location filename="../../console/wall_window.py" line="21"/>
        <source>IOC wall — screen %1</source>
        <translation>Tường video IOC — màn hình %1</translation>
    </message>
</context>
</TS>
